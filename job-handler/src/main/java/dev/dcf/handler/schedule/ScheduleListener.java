package dev.dcf.handler.schedule;

import java.time.Instant;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.JobDeleted;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;
import dev.dcf.handler.job.ScheduleArmed;
import dev.dcf.handler.job.ScheduleRequest;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the triggers in step with the jobs, inside the transaction of each change (the
 * Quartz job store shares the database and the transaction): SCHEDULED gets a start
 * trigger at {@code startAt}, RUNNING a stop trigger {@code durationSeconds} later;
 * leaving either state, or deleting the job, removes its trigger. If scheduling fails, so
 * does the change.
 * <p>
 * A recurring schedule gets its cron trigger when it is armed and loses it when it is
 * paused or the job is deleted; a run that ends (COMPLETED, FAILED) starts the firing
 * queued meanwhile, in a transaction of its own after the run's end committed (if that
 * fails, {@link TriggerRepair} starts it).
 */
@Component
class ScheduleListener {

	private static final Logger log = LoggerFactory.getLogger(ScheduleListener.class);

	private final JobTriggers triggers;

	private final JobRepository jobs;

	private final ScheduledTransitions transitions;

	ScheduleListener(JobTriggers triggers, JobRepository jobs, ScheduledTransitions transitions) {
		this.triggers = triggers;
		this.jobs = jobs;
		this.transitions = transitions;
	}

	@EventListener
	void on(JobStateChanged changed) {
		if (changed.from() == JobState.SCHEDULED) {
			this.triggers.cancelStart(changed.jobId());
		}
		if (changed.from() == JobState.RUNNING) {
			this.triggers.cancelStop(changed.jobId());
		}
		if (changed.to() == JobState.SCHEDULED) {
			// the job being saved: from the persistence context, no query
			this.jobs.findById(changed.jobId())
				.ifPresent((job) -> this.triggers.scheduleStart(job.getId(), changed.runNumber(), job.getStartAt()));
		}
		if (changed.to() == JobState.RUNNING) {
			this.jobs.findById(changed.jobId())
				.ifPresent((job) -> this.triggers.scheduleStop(job.getId(), changed.runNumber(),
						runStart(job.getRun().getStartedAt(), changed).plusSeconds(job.getDurationSeconds())));
		}
	}

	/**
	 * The duration counts from the run's first RUNNING, also for a run that resumed after
	 * its agent was LOST (a stop time already past fires at once).
	 */
	private static Instant runStart(Instant startedAt, JobStateChanged changed) {
		return (startedAt != null) ? startedAt : changed.at();
	}

	@EventListener
	void on(ScheduleArmed armed) {
		if (!armed.armed()) {
			this.triggers.cancelCron(armed.jobId());
			return;
		}
		this.jobs.findById(armed.jobId()).ifPresent((job) -> {
			ScheduleRequest schedule = job.getSchedule();
			this.triggers.scheduleCron(job.getId(), schedule.cron(), ZoneId.of(schedule.zoneOrDefault()));
		});
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void runEnded(JobStateChanged changed) {
		if (changed.to() != JobState.COMPLETED && changed.to() != JobState.FAILED) {
			return;
		}
		try {
			this.transitions.takeQueuedStart(changed.jobId());
		}
		catch (RuntimeException ex) {
			log.warn("Job {}: the queued firing could not start yet ({}); the trigger repair starts it",
					changed.jobId(), ex.toString());
		}
	}

	@EventListener
	void on(JobDeleted deleted) {
		this.triggers.cancelStart(deleted.jobId());
		this.triggers.cancelStop(deleted.jobId());
		this.triggers.cancelCron(deleted.jobId());
	}

}
