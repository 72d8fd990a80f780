package dev.dcf.handler.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs of a job: lists, reports, measured throughput, and "run again identically".
 * Each method is one transaction.
 */
@Service
@Transactional
public class RunService {

	/**
	 * What a pin may be: an image id, or a repository with a digest. Anything else an
	 * agent reports is not run again.
	 */
	static final Pattern DIGEST = Pattern
		.compile("sha256:[0-9a-f]{64}|[A-Za-z0-9][A-Za-z0-9._/:-]{0,320}@sha256:[0-9a-f]{64}");

	private final RunRepository runs;

	private final JobService jobs;

	private final Clock clock;

	RunService(RunRepository runs, JobService jobs, Clock clock) {
		this.runs = runs;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * The reports of all runs of a job, newest first.
	 * @param jobId the job
	 * @return the reports (none for a job that never ran)
	 * @throws dev.dcf.handler.job.JobNotFoundException if there is no such job
	 */
	@Transactional(readOnly = true)
	public List<RunReport> list(String jobId) {
		Job job = this.jobs.get(jobId);
		return this.runs.findByJobIdOrderByRunNumberDesc(jobId).stream().map((run) -> report(job, run)).toList();
	}

	/**
	 * The report of one run.
	 * @param jobId the job
	 * @param runNumber the run
	 * @return the report
	 * @throws dev.dcf.handler.job.JobNotFoundException if there is no such job
	 * @throws RunNotFoundException if the job has no such run
	 */
	@Transactional(readOnly = true)
	public RunReport report(String jobId, int runNumber) {
		Job job = this.jobs.get(jobId);
		return report(job, find(jobId, runNumber));
	}

	/**
	 * Starts a new run of the job that runs exactly the image the given run ran, with the
	 * same settings and environment (a job's settings never change), so the same seed.
	 * @param jobId the job
	 * @param runNumber the run to repeat
	 * @param actor who asks
	 * @return the job, with its new run
	 * @throws RunNotFoundException if the job has no such run
	 * @throws JobConflictException if the run's digest is unknown, or the job has not
	 * ended
	 */
	public Job rerun(String jobId, int runNumber, Actor actor) {
		RunReport report = report(jobId, runNumber);
		String digest = report.imageDigest();
		if (digest == null) {
			throw new JobConflictException("Run " + runNumber + " of job " + jobId
					+ " has no recorded image digest (its agent did not report one), so it cannot be repeated identically");
		}
		if (!DIGEST.matcher(digest).matches()) {
			throw new JobConflictException(
					"Run " + runNumber + " of job " + jobId + " recorded an image digest that is no digest: " + digest);
		}
		return this.jobs.startPinned(jobId, digest, "run " + runNumber + " again identically", actor);
	}

	/**
	 * Stores what the throughput sampler measured for a run. Unknown values
	 * ({@code null}) keep what was stored; an unknown run is ignored (the job was
	 * deleted, or ran before runs were recorded).
	 * @param jobId the job
	 * @param runNumber the run
	 * @param bytes bytes the run produced, or {@code null}
	 * @param peakRecordsPerSecond the highest rate seen, or {@code null}
	 */
	public void measured(String jobId, int runNumber, Long bytes, Double peakRecordsPerSecond) {
		this.runs.findByJobIdAndRunNumber(jobId, runNumber)
			.ifPresent((run) -> run.measured(bytes, peakRecordsPerSecond));
	}

	private Run find(String jobId, int runNumber) {
		return this.runs.findByJobIdAndRunNumber(jobId, runNumber)
			.orElseThrow(() -> new RunNotFoundException(jobId, runNumber));
	}

	private RunReport report(Job job, Run run) {
		boolean current = run.getRunNumber() == job.getRunNumber();
		List<JobContainer> found = this.jobs.containers(job.getId(), run.getRunNumber());
		Set<String> agents = new LinkedHashSet<>(run.getAgents());
		found.forEach((container) -> agents.add(container.getAgentId()));
		String digest = found.stream()
			.map(JobContainer::getImageDigest)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		Map<String, String> env = new LinkedHashMap<>();
		job.getEnv().forEach((variable) -> env.put(variable.name(), variable.shown()));
		Long records = run.getRecords();
		if (records == null && current && !run.isEnded()) {
			OptionalLong live = this.jobs.recordsProduced(job);
			records = live.isPresent() ? live.getAsLong() : null;
		}
		Long millis = null;
		if (run.getRunningAt() != null) {
			Instant end = (run.getEndedAt() != null) ? run.getEndedAt() : this.clock.instant();
			millis = Math.max(0, Duration.between(run.getRunningAt(), end).toMillis());
		}
		Long seconds = (millis != null) ? millis / 1000 : null;
		Double average = (records != null && millis != null && millis > 0) ? records * 1000.0 / millis : null;
		List<RunReport.Container> containers = found.stream()
			.map((c) -> new RunReport.Container(c.getIndex(), c.getContainerId(), c.getName(), c.getAgentId(),
					c.getState(), c.getExitCode(), c.getStartedAt(), c.getFinishedAt(), c.getImageDigest()))
			.toList();
		return new RunReport(job.getId(), job.getName(), run.getRunNumber(), current, List.copyOf(agents),
				run.getStartedAt(), run.getRunningAt(), run.getEndedAt(), run.getLastState(), run.getEndReason(),
				run.getImage(), digest, env, job.getEnvMap().get(RunReport.SEED), containers, records, run.getBytes(),
				seconds, average, run.getPeakRecordsPerSecond());
	}

}
