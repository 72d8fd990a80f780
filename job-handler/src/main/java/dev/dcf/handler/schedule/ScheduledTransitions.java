package dev.dcf.handler.schedule;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.FiringOutcome;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
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
	 * A job's schedule fired: a new run starts, or the firing is skipped or queued
	 * ({@link Job#scheduleFired}). A firing overtaken by a later one that is also due
	 * already (several missed within Quartz's misfire threshold) does nothing, so that
	 * missed firings start one run, never several.
	 * @param jobId the job
	 * @param firing when the firing was due
	 * @param nextFiring when the trigger fires next, {@code null} if never
	 */
	@Transactional
	public void scheduleFired(String jobId, Instant firing, Instant nextFiring) {
		Instant now = this.clock.instant();
		if (nextFiring != null && !nextFiring.isAfter(now)) {
			log.info("Job {}: firing at {} overtaken by the one at {}, also due", jobId, firing, nextFiring);
			return;
		}
		Job job = this.jobs.findById(jobId).orElse(null);
		if (job == null) {
			log.debug("Cron trigger of job {} has no job", jobId);
			return;
		}
		FiringOutcome outcome = job.scheduleFired(firing, now);
		if (outcome != FiringOutcome.IGNORED) {
			this.jobs.save(job);
		}
		log.info("Job {}: schedule firing at {} {}", jobId, firing, outcome);
	}

	/**
	 * The active run of a job ended: a firing queued meanwhile starts its run now.
	 * @param jobId the job
	 * @return whether a run started
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public boolean takeQueuedStart(String jobId) {
		Job job = this.jobs.findById(jobId).orElse(null);
		if (job == null || !job.takeQueuedStart(this.clock.instant())) {
			return false;
		}
		this.jobs.save(job);
		log.info("Job {} run {}: queued firing started", jobId, job.getRunNumber());
		return true;
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
