package dev.dcf.handler.peek;

/**
 * The records cannot be read now: the Kafka cluster did not answer in time, or too many
 * peeks run at once (HTTP 503 in the API; the job page says so).
 */
public class PeekUnavailableException extends RuntimeException {

	public PeekUnavailableException(String message) {
		super(message);
	}

	public PeekUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
