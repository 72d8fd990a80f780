package dev.dcf.handler.schedule;

import java.time.Instant;
import java.util.Date;

import org.quartz.JobExecutionContext;

/**
 * Quartz job of a cron trigger: the job's schedule fires. Passes the firing's due time
 * (the same again when Quartz recovers a firing a dead handler was running) and the
 * trigger's next due time, by which a firing overtaken by a later one is recognised.
 */
class CronFiring extends TriggeredTransition {

	private final ScheduledTransitions transitions;

	CronFiring(ScheduledTransitions transitions) {
		this.transitions = transitions;
	}

	@Override
	void transition(JobExecutionContext context, String jobId, int runNumber) {
		Date due = context.getScheduledFireTime();
		Date next = context.getNextFireTime();
		this.transitions.scheduleFired(jobId, (due != null) ? due.toInstant() : context.getFireTime().toInstant(),
				(next != null) ? next.toInstant() : null);
	}

	@Override
	void transition(String jobId, int runNumber) {
		throw new UnsupportedOperationException("a cron firing needs its context");
	}

}
