package dev.dcf.handler.schedule;

/**
 * Quartz job of a stop trigger: the job has run for its {@code durationSeconds}.
 */
class StopAfterDuration extends TriggeredTransition {

	private final ScheduledTransitions transitions;

	StopAfterDuration(ScheduledTransitions transitions) {
		this.transitions = transitions;
	}

	@Override
	void transition(String jobId, int runNumber) {
		this.transitions.durationOver(jobId, runNumber);
	}

}
