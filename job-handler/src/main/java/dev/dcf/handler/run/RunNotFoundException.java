package dev.dcf.handler.run;

/**
 * The job has no run of that number (HTTP 404 in the API).
 */
public class RunNotFoundException extends RuntimeException {

	public RunNotFoundException(String jobId, int runNumber) {
		super("Job " + jobId + " has no run " + runNumber);
	}

}
