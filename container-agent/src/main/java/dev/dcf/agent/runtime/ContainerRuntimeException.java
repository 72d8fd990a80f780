package dev.dcf.agent.runtime;

/**
 * A runtime call failed. The message is meant for humans (it ends up in job status
 * reasons); the kind lets callers decide.
 */
public class ContainerRuntimeException extends RuntimeException {

	private final Kind kind;

	public ContainerRuntimeException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public ContainerRuntimeException(Kind kind, String message) {
		this(kind, message, null);
	}

	public Kind kind() {
		return this.kind;
	}

	public enum Kind {

		/** The daemon does not answer (socket missing, connection refused, broken). */
		DAEMON_UNAVAILABLE,
		/** The call took longer than its bound. */
		TIMEOUT,
		/** The image is not present and cannot be pulled. */
		IMAGE_NOT_FOUND,
		/**
		 * The registry refused the credentials, or asked for some and none were
		 * configured.
		 */
		UNAUTHORIZED,
		/**
		 * The registry answered a pull with a server error (5xx) or did not answer in
		 * time: it may pass, so the pull is worth trying again.
		 */
		REGISTRY_UNAVAILABLE,
		/** The daemon refused the request (bad spec, conflict it could not resolve). */
		REJECTED,
		/** Anything else. */
		OTHER

	}

}
