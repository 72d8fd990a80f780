package dev.dcf.standalone.embedded;

/**
 * An error of the embedded schema registry, answered as Confluent does: the HTTP status
 * and a body {@code {"error_code": errorCode, "message": message}}.
 */
final class RegistryException extends RuntimeException {

	private final int status;

	private final int errorCode;

	private RegistryException(int status, int errorCode, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
		this.errorCode = errorCode;
	}

	int status() {
		return this.status;
	}

	int errorCode() {
		return this.errorCode;
	}

	static RegistryException unauthenticated(String message) {
		return new RegistryException(401, 40101, message, null);
	}

	static RegistryException forbidden(String message) {
		return new RegistryException(403, 40301, message, null);
	}

	static RegistryException subjectNotFound(String subject) {
		return new RegistryException(404, 40401, "Subject '" + subject + "' not found.", null);
	}

	static RegistryException versionNotFound(int version) {
		return new RegistryException(404, 40402, "Version " + version + " not found.", null);
	}

	static RegistryException schemaNotFound() {
		return new RegistryException(404, 40403, "Schema not found", null);
	}

	static RegistryException schemaNotFound(int id) {
		return new RegistryException(404, 40403, "Schema " + id + " not found", null);
	}

	static RegistryException subjectCompatibilityNotConfigured(String subject) {
		return new RegistryException(404, 40408,
				"Subject '" + subject + "' does not have subject-level compatibility configured", null);
	}

	static RegistryException incompatible(String subject, Iterable<String> details) {
		return new RegistryException(409, 409, "Schema being registered is incompatible with an earlier schema for"
				+ " subject \"" + subject + "\", details: " + String.join(", ", details), null);
	}

	static RegistryException invalidSchema(String message, Throwable cause) {
		return new RegistryException(422, 42201, message, cause);
	}

	static RegistryException invalidVersion(String version) {
		return new RegistryException(422, 42202, "The specified version '" + version + "' is not a valid version id."
				+ " Allowed values are between [1, 2^31-1] and the string \"latest\"", null);
	}

	static RegistryException invalidCompatibilityLevel() {
		return new RegistryException(422, 42203, "Invalid compatibility level. Valid values are none, backward,"
				+ " forward, full, backward_transitive, forward_transitive, and full_transitive", null);
	}

	static RegistryException store(String message, Throwable cause) {
		return new RegistryException(500, 50001, message, cause);
	}

	static RegistryException timeout(String message, Throwable cause) {
		return new RegistryException(500, 50002, message, cause);
	}

	/** Errors of the HTTP layer itself (unknown path, method, media type, bad JSON). */
	static RegistryException http(int status, String message) {
		return new RegistryException(status, status, message, null);
	}

}
