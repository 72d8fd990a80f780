package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dcf.handler.secret.SecretCipher;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A job's settings as a whole, for job files (issue 18): find a job by its owner and
 * name, read its settings back as a request, check a request, and replace the settings of
 * a stored job without touching its state or its current run.
 */
@Service
@Transactional
public class JobSettings {

	private final JobRepository jobs;

	private final JobRequestValidator validator;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecretCipher cipher;

	public JobSettings(JobRepository jobs, JobRequestValidator validator, ApplicationEventPublisher events, Clock clock,
			SecretCipher cipher) {
		this.jobs = jobs;
		this.validator = validator;
		this.events = events;
		this.clock = clock;
		this.cipher = cipher;
	}

	/**
	 * The jobs of an owner with a name (names are unique per owner for job files; jobs
	 * created otherwise may share one).
	 * @param owner the owner
	 * @param name the exact name
	 * @return the jobs, oldest first
	 */
	@Transactional(readOnly = true)
	public List<Job> findByOwnerAndName(String owner, String name) {
		Specification<Job> spec = (root, query, cb) -> cb.and(cb.equal(root.get("owner"), owner),
				cb.equal(root.get("name"), name));
		List<Job> found = new ArrayList<>(this.jobs.findAll(spec));
		found.sort((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt()));
		return found;
	}

	/**
	 * The job of an owner with a name, if exactly one.
	 * @param owner the owner
	 * @param name the name
	 * @return the job, empty if none
	 * @throws JobConflictException if several jobs of the owner have that name
	 */
	@Transactional(readOnly = true)
	public Optional<Job> findOne(String owner, String name) {
		List<Job> found = findByOwnerAndName(owner, name);
		if (found.size() > 1) {
			throw new JobConflictException(
					found.size() + " jobs of " + owner + " are named '" + name + "'; rename all but one");
		}
		return found.stream().findFirst();
	}

	/**
	 * A stored job's settings as the request that would create it (with defaults, secret
	 * values included: only for comparing, never shown).
	 * @param job the job
	 * @return the request, {@code start} absent
	 */
	public static JobRequest settingsOf(Job job) {
		List<String> command = job.getCommand().isEmpty() ? null : new ArrayList<>(job.getCommand());
		Map<String, String> env = new LinkedHashMap<>(job.getEnvMap());
		return new JobRequest(job.getName(), job.getDescription(), job.getImage(), command, job.getTopic(),
				job.getContainers(), job.getCpuLimit(), job.getMemoryLimitMb(), job.getDurationSeconds(),
				job.getStartAt(), env, new LinkedHashMap<>(job.getAgentLabels()), null, job.getOnAgentLost().label(),
				job.isExclusive(), job.getTopicPartitions(), job.getTopicReplicationFactor(),
				job.getTopicRetentionHours(), job.getTopicCleanup().label(), job.getTargetRate(), job.getMaxRecords(),
				job.getGenerator())
			.withSchedule(job.getSchedule())
			.withRestart(job.getRestart().toRequest());
	}

	/**
	 * A valid request as it would be stored: with every default the handler fills in, in
	 * the form {@link #settingsOf} gives, so that the two can be compared.
	 * @param request a request that passed {@link #validate}
	 * @return the settings
	 */
	public JobRequest normalized(JobRequest request) {
		JobRequest full = this.validator.withDefaults(request);
		Map<String, String> env = (full.env() != null) ? new LinkedHashMap<>(full.env()) : new LinkedHashMap<>();
		return settingsOf(new Job(full, "-", this.clock.instant())).withEnv(env)
			.withSecretEnv(full.secretNames().stream().sorted().toList());
	}

	/**
	 * A stored job's settings for comparing with {@link #normalized}: like
	 * {@link #settingsOf}, with the secret values decrypted (never shown: the diff hides
	 * them) and the secret names listed.
	 * @param job the job
	 * @return the request
	 */
	public JobRequest storedSettings(Job job) {
		Map<String, String> env = new LinkedHashMap<>(job.getEnvMap());
		job.getSecretEnv()
			.forEach((name, stored) -> env.put(name,
					(stored == null || stored.isEmpty()) ? "" : this.cipher.decrypt(stored)));
		return settingsOf(job).withEnv(env).withSecretEnv(job.getSecretEnv().keySet().stream().sorted().toList());
	}

	/**
	 * Checks a request against all rules.
	 * @param request the request
	 * @return the violations, empty if valid
	 */
	public List<FieldViolation> validate(JobRequest request) {
		return this.validator.validate(request);
	}

	/**
	 * Replaces the settings of a job; its state and current run stay as they are.
	 * @param id the job
	 * @param request the new settings
	 * @param actor who asks (the owner or an administrator)
	 * @param detail what changed, for the audit log
	 * @return the job
	 * @throws InvalidJobRequestException if the request breaks a rule
	 */
	public Job update(String id, JobRequest request, Actor actor, String detail) {
		this.validator.require(request);
		Job job = this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
		if (!actor.mayControl(job)) {
			throw new NotJobOwnerException(actor.name(), job);
		}
		Instant now = this.clock.instant();
		job.updateSettings(SecretEnv.encrypted(this.validator.withDefaults(request), this.cipher),
				"settings changed by " + actor.name(), now);
		job = this.jobs.save(job);
		this.events.publishEvent(new JobActionTaken("update", job.getId(), job.getName(), actor.name(), detail, now));
		return job;
	}

}
