package dev.dcf.handler.schedule;

/**
 * Quartz job of a start trigger: the job's {@code startAt} has come.
 */
class StartAtTime extends TriggeredTransition {

	private final ScheduledTransitions transitions;

	StartAtTime(ScheduledTransitions transitions) {
		this.transitions = transitions;
	}

	@Override
	void transition(String jobId, int runNumber) {
		this.transitions.startTimeReached(jobId, runNumber);
	}

}
