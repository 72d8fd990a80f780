package dev.dcf.handler.schedule;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives every SCHEDULED job its start trigger and every RUNNING job its stop trigger if
 * they lack one: a database restored from a backup, jobs from before schedules existed, a
 * trigger Quartz deleted after its job failed on something other than a database error,
 * or one dropped while the handler shut down. Triggers are normally written with the job
 * change itself; this runs at start and then periodically ({@link TriggerRepairLoop}). A
 * time that has passed fires at once. A trigger written for a job that changed state
 * meanwhile does nothing when it fires.
 */
@Component
class TriggerRepair {

	private static final Logger log = LoggerFactory.getLogger(TriggerRepair.class);

	private final JobRepository jobs;

	private final JobTriggers triggers;

	TriggerRepair(JobRepository jobs, JobTriggers triggers) {
		this.jobs = jobs;
		this.triggers = triggers;
	}

	@Transactional
	public void repair() {
		for (Job job : this.jobs.findByStateIn(List.of(JobState.SCHEDULED, JobState.RUNNING))) {
			if (job.getState() == JobState.SCHEDULED && !this.triggers.hasStart(job.getId())) {
				log.warn("Job {} is SCHEDULED without a start trigger; scheduling it for {}", job.getId(),
						job.getStartAt());
				this.triggers.scheduleStart(job.getId(), job.getRunNumber(), job.getStartAt());
			}
			if (job.getState() == JobState.RUNNING && !this.triggers.hasStop(job.getId())
					&& job.getStartedAt() != null) {
				log.warn("Job {} is RUNNING without a stop trigger; scheduling it", job.getId());
				this.triggers.scheduleStop(job.getId(), job.getRunNumber(),
						job.getStartedAt().plusSeconds(job.getDurationSeconds()));
			}
		}
	}

}
