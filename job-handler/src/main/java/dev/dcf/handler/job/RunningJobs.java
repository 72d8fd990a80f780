package dev.dcf.handler.job;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the handler's own observers of running jobs (the throughput sampler) may do with
 * them: list them, stop one whose record limit the broker's count reached, and note in a
 * run's timeline what they saw. Every change is fenced by the run it was meant for: a job
 * that moved on to another run, or left RUNNING, is left alone.
 */
@Service
public class RunningJobs {

	private static final Logger log = LoggerFactory.getLogger(RunningJobs.class);

	private final JobRepository jobs;

	private final Clock clock;

	RunningJobs(JobRepository jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * The jobs that are RUNNING now.
	 * @return them, detached: read their simple fields only
	 */
	@Transactional(readOnly = true)
	public List<Job> list() {
		return this.jobs.findByStateIn(List.of(JobState.RUNNING));
	}

	/**
	 * The broker counted {@code produced} records of the job's run (see
	 * {@link Job#recordsCounted}).
	 * @param jobId the job
	 * @param runNumber the run the count belongs to
	 * @param produced records the run produced so far
	 */
	@Transactional
	public void recordsCounted(String jobId, int runNumber, long produced) {
		this.jobs.findById(jobId).filter((job) -> job.getRunNumber() == runNumber).ifPresent((job) -> {
			if (job.recordsCounted(produced, this.clock.instant())) {
				this.jobs.save(job);
				log.info("Job {} run {}: {} records produced, stopping", jobId, runNumber, produced);
			}
		});
	}

	/**
	 * Adds a timeline entry to the job if it is still RUNNING in that run.
	 * @param jobId the job
	 * @param runNumber the run the note is about
	 * @param text the entry
	 */
	@Transactional
	public void note(String jobId, int runNumber, String text) {
		this.jobs.findById(jobId)
			.filter((job) -> job.getRunNumber() == runNumber && job.getState() == JobState.RUNNING)
			.ifPresent((job) -> {
				job.note(text, this.clock.instant());
				this.jobs.save(job);
			});
	}

}
