package dev.dcf.handler.job;

/**
 * A state change that {@link JobState} does not allow.
 */
public class IllegalJobTransitionException extends JobConflictException {

	private final JobState from;

	private final JobState to;

	public IllegalJobTransitionException(JobState from, JobState to) {
		super("Invalid job state transition from " + from + " to " + to);
		this.from = from;
		this.to = to;
	}

	public JobState from() {
		return this.from;
	}

	public JobState to() {
		return this.to;
	}

}
