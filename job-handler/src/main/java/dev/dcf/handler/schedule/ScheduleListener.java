package dev.dcf.handler.schedule;

import java.time.Instant;

import dev.dcf.handler.job.JobDeleted;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the triggers in step with the jobs, inside the transaction of each change (the
 * Quartz job store shares the database and the transaction): SCHEDULED gets a start
 * trigger at {@code startAt}, RUNNING a stop trigger {@code durationSeconds} later;
 * leaving either state, or deleting the job, removes its trigger. If scheduling fails, so
 * does the change.
 */
@Component
class ScheduleListener {

	private final JobTriggers triggers;

	private final JobRepository jobs;

	ScheduleListener(JobTriggers triggers, JobRepository jobs) {
		this.triggers = triggers;
		this.jobs = jobs;
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
						runStart(job.getStartedAt(), changed).plusSeconds(job.getDurationSeconds())));
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
	void on(JobDeleted deleted) {
		this.triggers.cancelStart(deleted.jobId());
		this.triggers.cancelStop(deleted.jobId());
	}

}
