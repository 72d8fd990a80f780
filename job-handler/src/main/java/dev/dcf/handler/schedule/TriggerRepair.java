package dev.dcf.handler.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.ScheduleRequest;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives every SCHEDULED job its start trigger and every RUNNING job its stop trigger if
 * they lack one: a database restored from a backup, jobs from before schedules existed, a
 * trigger Quartz deleted after its job failed on something other than a database error,
 * or one dropped while the handler shut down. Triggers are normally written with the job
 * change itself; this runs at start and then periodically ({@link TriggerRepairLoop}). A
 * time that has passed is scheduled for now, so that it fires at once rather than wait
 * for Quartz's misfire handling. A trigger written for a job that changed state meanwhile
 * does nothing when it fires.
 * <p>
 * The triggers are read before the jobs: a transition that commits in between (a job
 * leaving SCHEDULED removes its trigger in the same transaction) then shows up as a job
 * no longer SCHEDULED, never as a SCHEDULED job without a trigger, so no trigger is put
 * back for a job that has just started.
 * <p>
 * Recurring schedules the same way: an armed job without a cron trigger gets one (firing
 * from now on; the firings missed meanwhile are not made up for), one that has one keeps
 * it (never a second: the trigger is named by the job). A cron trigger of a job no longer
 * armed is left alone: pausing and deleting remove it in their transaction, and one left
 * over does nothing when it fires. A queued firing whose run has ended (its start after
 * the run's end failed) starts here.
 */
@Component
class TriggerRepair {

	private static final Logger log = LoggerFactory.getLogger(TriggerRepair.class);

	private final JobRepository jobs;

	private final JobTriggers triggers;

	private final Clock clock;

	TriggerRepair(JobRepository jobs, JobTriggers triggers, Clock clock) {
		this.jobs = jobs;
		this.triggers = triggers;
		this.clock = clock;
	}

	@Transactional
	public void repair() {
		Instant now = this.clock.instant();
		Set<String> withStart = this.triggers.jobsWithStart();
		Set<String> withStop = this.triggers.jobsWithStop();
		Set<String> withCron = this.triggers.jobsWithCron();
		for (Job job : this.jobs.findByStateIn(List.of(JobState.SCHEDULED, JobState.RUNNING))) {
			if (job.getState() == JobState.SCHEDULED && !withStart.contains(job.getId())) {
				Instant at = notBefore(job.getStartAt(), now);
				log.warn("Job {} is SCHEDULED without a start trigger; scheduling it for {}", job.getId(), at);
				this.triggers.scheduleStart(job.getId(), job.getRunNumber(), at);
			}
			if (job.getState() == JobState.RUNNING && !withStop.contains(job.getId())
					&& job.getRun().getStartedAt() != null) {
				Instant at = notBefore(job.getRun().getStartedAt().plusSeconds(job.getDurationSeconds()), now);
				log.warn("Job {} is RUNNING without a stop trigger; scheduling its stop for {}", job.getId(), at);
				this.triggers.scheduleStop(job.getId(), job.getRunNumber(), at);
			}
		}
		for (Job job : this.jobs.findWithArmedSchedule()) {
			if (!withCron.contains(job.getId())) {
				ScheduleRequest schedule = job.getSchedule();
				log.warn("Job {} has an armed schedule without a cron trigger; arming it again", job.getId());
				this.triggers.scheduleCron(job.getId(), schedule.cron(), ZoneId.of(schedule.zoneOrDefault()));
			}
			if (job.hasQueuedStart() && job.takeQueuedStart(now)) {
				log.warn("Job {}: queued firing started by the repair", job.getId());
				this.jobs.save(job);
			}
		}
	}

	private static Instant notBefore(Instant at, Instant now) {
		return (at == null || at.isBefore(now)) ? now : at;
	}

}
