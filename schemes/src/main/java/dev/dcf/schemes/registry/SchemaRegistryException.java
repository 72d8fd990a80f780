package dev.dcf.schemes.registry;

/**
 * The schema registry refused a request or could not be reached.
 *
 * <p>
 * For answers of the registry, {@link #httpStatus()} is the HTTP status and
 * {@link #errorCode()} the {@code error_code} of Confluent's error body
 * ({@code {"error_code":40403,"message":"Schema not found"}}), or {@link #NO_ERROR_CODE}
 * when the body had none. When no answer came (connection refused, timeout), the status
 * is {@link #NO_HTTP_STATUS}.
 */
public class SchemaRegistryException extends RuntimeException {

	/** Status of a request that got no HTTP answer. */
	public static final int NO_HTTP_STATUS = 0;

	/** Code of an answer without a Confluent error body. */
	public static final int NO_ERROR_CODE = -1;

	/** Confluent: subject not found. */
	public static final int SUBJECT_NOT_FOUND = 40401;

	/** Confluent: version not found. */
	public static final int VERSION_NOT_FOUND = 40402;

	/** Confluent: schema not found. */
	public static final int SCHEMA_NOT_FOUND = 40403;

	/** Confluent: schema incompatible with an earlier version (HTTP 409). */
	public static final int INCOMPATIBLE_SCHEMA = 409;

	/** Confluent: invalid schema (HTTP 422). */
	public static final int INVALID_SCHEMA = 42201;

	private final int httpStatus;

	private final int errorCode;

	public SchemaRegistryException(int httpStatus, int errorCode, String message) {
		this(httpStatus, errorCode, message, null);
	}

	public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	/**
	 * The HTTP status of the answer.
	 * @return the status, or {@link #NO_HTTP_STATUS} if the registry did not answer
	 */
	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Confluent's {@code error_code}.
	 * @return the code, or {@link #NO_ERROR_CODE}
	 */
	public int errorCode() {
		return this.errorCode;
	}

	/**
	 * Whether the registry answered 404 (unknown subject, version or schema).
	 * @return {@code true} for HTTP 404
	 */
	public boolean isNotFound() {
		return this.httpStatus == 404;
	}

	/**
	 * Whether the registry could not be reached or did not answer in time; such failures
	 * are usually transient, unlike the registry's own refusals.
	 * @return {@code true} if no HTTP answer came
	 */
	public boolean isUnreachable() {
		return this.httpStatus == NO_HTTP_STATUS;
	}

}
