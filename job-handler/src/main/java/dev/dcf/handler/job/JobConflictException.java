package dev.dcf.handler.job;

/**
 * A request that the job's current state does not allow (HTTP 409 in the API).
 */
public class JobConflictException extends RuntimeException {

	public JobConflictException(String message) {
		super(message);
	}

}
