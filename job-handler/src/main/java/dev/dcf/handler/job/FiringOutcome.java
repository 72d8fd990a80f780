package dev.dcf.handler.job;

/**
 * What one firing of a job's schedule did ({@link Job#scheduleFired}).
 */
public enum FiringOutcome {

	/** A new run started. */
	STARTED,

	/** A run was active: the firing was skipped (noted in the timeline). */
	SKIPPED,

	/** A run was active: the firing starts a run when it ends (noted in the timeline). */
	QUEUED,

	/** The schedule is disarmed, or the firing was handled before: nothing happened. */
	IGNORED

}
