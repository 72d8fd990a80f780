package dev.dcf.handler.job;

/**
 * The user may see the job but not control it: neither its owner nor an administrator
 * (HTTP 403 in the API).
 */
public class NotJobOwnerException extends RuntimeException {

	public NotJobOwnerException(String user, Job job) {
		super("User " + user + " may not control job " + job.getId() + " owned by " + job.getOwner()
				+ "; only its owner or an administrator may");
	}

}
