package dev.dcf.handler.job;

/**
 * No job has the given id (HTTP 404 in the API).
 */
public class JobNotFoundException extends RuntimeException {

	private final String jobId;

	public JobNotFoundException(String jobId) {
		super("No job with id " + jobId);
		this.jobId = jobId;
	}

	public String jobId() {
		return this.jobId;
	}

}
