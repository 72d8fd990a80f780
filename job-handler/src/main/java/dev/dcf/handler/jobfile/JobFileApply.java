package dev.dcf.handler.jobfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobSettings;

/**
 * Applies a job file as a whole, in one transaction: every job is checked first (nothing
 * changes if one breaks a rule), then each is created, updated or left alone. Jobs are
 * identified by name among the caller's own jobs.
 */
@Service
@Transactional
class JobFileApply {

	private final JobService jobs;

	private final JobSettings settings;

	JobFileApply(JobService jobs, JobSettings settings) {
		this.jobs = jobs;
		this.settings = settings;
	}

	/**
	 * What happened to one job of the file.
	 *
	 * @param name the job's name
	 * @param id its id ({@code null} for a job a dry run would create)
	 * @param outcome {@code created}, {@code updated} or {@code unchanged}
	 * @param state its state afterwards ({@code null} in a dry run of a new job)
	 * @param changes what changed (for {@code updated})
	 */
	record Outcome(String name, String id, String outcome, String state, List<JobDiff.Change> changes) {
	}

	/**
	 * Applies (or with {@code dryRun} only compares) a job file.
	 * @param text the file
	 * @param actor who applies it: the owner of the jobs
	 * @param dryRun {@code true} to change nothing
	 * @return one outcome per job, in file order
	 * @throws InvalidJobFileException if the file does not parse or any job breaks a rule
	 */
	List<Outcome> apply(String text, Actor actor, boolean dryRun) {
		List<JobFileEntry> entries = JobFileParser.parse(text);
		check(entries);
		List<Outcome> outcomes = new ArrayList<>();
		for (JobFileEntry entry : entries) {
			outcomes.add(apply(entry.request(), actor, dryRun));
		}
		return outcomes;
	}

	private Outcome apply(JobRequest request, Actor actor, boolean dryRun) {
		Optional<Job> existing = this.settings.findOne(actor.name(), request.name());
		if (existing.isEmpty()) {
			if (dryRun) {
				return new Outcome(request.name(), null, "created", null, List.of());
			}
			Job job = this.jobs.create(request, actor.name());
			return new Outcome(job.getName(), job.getId(), "created", job.getState().name(), List.of());
		}
		Job job = existing.get();
		List<JobDiff.Change> changes = JobDiff.between(this.settings.storedSettings(job),
				this.settings.normalized(request));
		if (changes.isEmpty()) {
			return new Outcome(job.getName(), job.getId(), "unchanged", job.getState().name(), List.of());
		}
		if (!dryRun) {
			job = this.settings.update(job.getId(), request, actor, "from a job file: " + fieldNames(changes));
		}
		return new Outcome(job.getName(), job.getId(), "updated", job.getState().name(), changes);
	}

	private static String fieldNames(List<JobDiff.Change> changes) {
		return String.join(", ", changes.stream().map(JobDiff.Change::field).toList());
	}

	/** All rules of all jobs, and names unique in the file. */
	private void check(List<JobFileEntry> entries) {
		List<JobFileViolation> problems = new ArrayList<>();
		Map<String, JobFileEntry> byName = new HashMap<>();
		for (JobFileEntry entry : entries) {
			for (FieldViolation violation : this.settings.validate(entry.request())) {
				problems.add(new JobFileViolation(entry.field(violation.field()), entry.lineOf(violation.field()),
						violation.message()));
			}
			String name = entry.request().name();
			if (name != null && byName.putIfAbsent(name, entry) != null) {
				problems.add(new JobFileViolation(entry.field("name"), entry.lineOf("name"),
						"another job of the file (jobs[" + byName.get(name).index() + "]) has this name"));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidJobFileException(problems);
		}
	}

}
