package dev.dcf.handler.schedule;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the triggers do when they fire. A trigger of another run, or one that fires after
 * the job left the state it was meant for, does nothing.
 */
@Service
public class ScheduledTransitions {

	private static final Logger log = LoggerFactory.getLogger(ScheduledTransitions.class);

	private final JobRepository jobs;

	private final Clock clock;

	public ScheduledTransitions(JobRepository jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * A SCHEDULED job's start time has come: it deploys.
	 * @param jobId the job
	 * @param runNumber the run the trigger was set for
	 */
	@Transactional
	public void startTimeReached(String jobId, int runNumber) {
		Instant now = this.clock.instant();
		Job job = this.jobs.findById(jobId).orElse(null);
		if (job == null || job.getRunNumber() != runNumber || job.getState() != JobState.SCHEDULED) {
			log.debug("Start trigger of job {} run {} has nothing to start", jobId, runNumber);
			return;
		}
		job.startTimeReached(now);
		this.jobs.save(job);
		log.info("Job {} run {}: start time {} reached", jobId, runNumber, job.getStartAt());
	}

	/**
	 * A RUNNING job has run for its duration: it stops.
	 * @param jobId the job
	 * @param runNumber the run the trigger was set for
	 */
	@Transactional
	public void durationOver(String jobId, int runNumber) {
		Instant now = this.clock.instant();
		Job job = this.jobs.findById(jobId).orElse(null);
		if (job == null || job.getRunNumber() != runNumber || job.getState() != JobState.RUNNING) {
			log.debug("Stop trigger of job {} run {} has nothing to stop", jobId, runNumber);
			return;
		}
		job.requestStop("ran for its duration of " + job.getDurationSeconds() + " s", now);
		this.jobs.save(job);
		log.info("Job {} run {}: duration of {} s over, stopping", jobId, runNumber, job.getDurationSeconds());
	}

}
