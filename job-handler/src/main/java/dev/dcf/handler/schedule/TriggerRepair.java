package dev.dcf.handler.schedule;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At start, gives every SCHEDULED job its start trigger and every RUNNING job its stop
 * trigger if they lack one (a database restored from a backup, or jobs from before
 * schedules existed). Triggers are normally written with the job change itself.
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

	@EventListener(ApplicationReadyEvent.class)
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
