package dev.dcf.handler.job;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a user asks for when creating a job: the JSON body of {@code POST /api/jobs} (the
 * API's field names) and the model behind the GUI form. Every field may be missing or
 * wrong: {@link JobRequestValidator} decides; {@link JobService#create} stores nothing
 * unless it passes.
 *
 * @param name short name, shown in lists
 * @param description optional free text
 * @param image Docker image reference of the generator
 * @param command optional arguments that replace the image's CMD
 * @param topic Kafka topic the generators write to
 * @param containers how many containers
 * @param cpuLimit CPUs per container
 * @param memoryLimitMb memory per container in MiB
 * @param durationSeconds how long the job runs once RUNNING
 * @param startAt optional start time (UTC), in the future
 * @param env environment variables, in order
 * @param agentLabels optional labels an agent must carry to take the job
 * @param start whether to start the job right after creating it
 * @param onAgentLost {@code replace} (default) or {@code wait}: what happens to a run
 * whose agent is LOST ({@link AgentLostPolicy})
 * @param exclusive whether a replacement run must wait until the old run's containers are
 * gone (or its agent has been LOST long enough), so two runs never write at once
 * @param partitions partitions DCF creates the topic with when it is missing (default 3)
 * @param replicationFactor replication factor of a topic DCF creates; {@code null} for
 * the broker's default
 * @param retentionHours how long the broker keeps the records of a topic DCF creates, in
 * hours; {@code null} for the broker's default
 * @param topicCleanup {@code keep} (default), {@code delete-with-job} or
 * {@code truncate-before-run} ({@link TopicCleanup})
 * @param targetRate optional records per second for the whole job; each container gets
 * its share as {@code RATE}
 * @param maxRecords optional records for the whole job: each container gets its share as
 * {@code MAX_RECORDS}, and the handler stops the job once its topic grew by this many
 * @param generator optional built-in generator (quickstart, template or schema); then
 * {@code image} may be left out (the handler's {@code dcf.handler.generator-image})
 * @param schedule optional recurring schedule: starting the job arms it, and each firing
 * starts a new run
 * @param restart optional restart policy ({@link RestartPolicy}); {@code null}: no
 * restarts
 * @param secretEnv names in {@code env} whose values are secret (write-only, encrypted at
 * rest, sealed for the agent); names that look secret ({@link SecretNames}) are secret
 * anyway
 */
public record JobRequest(String name, String description, String image, List<String> command, String topic,
		Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
		Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost, Boolean exclusive,
		Integer partitions, Integer replicationFactor, Integer retentionHours, String topicCleanup, Double targetRate,
		Long maxRecords, GeneratorRequest generator, ScheduleRequest schedule, RestartRequest restart,
		List<String> secretEnv) {

	/** Partitions of a job's topic when the request does not say. */
	public static final int DEFAULT_PARTITIONS = 3;

	/**
	 * A request without explicitly secret variables (only the name rule marks them).
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost,
			Boolean exclusive, Integer partitions, Integer replicationFactor, Integer retentionHours,
			String topicCleanup, Double targetRate, Long maxRecords, GeneratorRequest generator,
			ScheduleRequest schedule, RestartRequest restart) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, onAgentLost, exclusive, partitions, replicationFactor, retentionHours,
				topicCleanup, targetRate, maxRecords, generator, schedule, restart, null);
	}

	/**
	 * A request without a recurring schedule or a restart policy.
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost,
			Boolean exclusive, Integer partitions, Integer replicationFactor, Integer retentionHours,
			String topicCleanup, Double targetRate, Long maxRecords, GeneratorRequest generator) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, onAgentLost, exclusive, partitions, replicationFactor, retentionHours,
				topicCleanup, targetRate, maxRecords, generator, null, null);
	}

	/**
	 * A request that runs its own image.
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost,
			Boolean exclusive, Integer partitions, Integer replicationFactor, Integer retentionHours,
			String topicCleanup, Double targetRate, Long maxRecords) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, onAgentLost, exclusive, partitions, replicationFactor, retentionHours,
				topicCleanup, targetRate, maxRecords, null);
	}

	/**
	 * A request without a target rate or a record limit.
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost,
			Boolean exclusive, Integer partitions, Integer replicationFactor, Integer retentionHours,
			String topicCleanup) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, onAgentLost, exclusive, partitions, replicationFactor, retentionHours,
				topicCleanup, null, null);
	}

	/**
	 * A request with the default topic settings (3 partitions, the broker's replication
	 * factor and retention, cleanup {@code keep}).
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start, String onAgentLost,
			Boolean exclusive) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, onAgentLost, exclusive, null, null, null, null, null, null);
	}

	/**
	 * A request with the default loss policy (replace, not exclusive).
	 */
	public JobRequest(String name, String description, String image, List<String> command, String topic,
			Integer containers, Double cpuLimit, Integer memoryLimitMb, Long durationSeconds, Instant startAt,
			Map<String, String> env, Map<String, String> agentLabels, Boolean start) {
		this(name, description, image, command, topic, containers, cpuLimit, memoryLimitMb, durationSeconds, startAt,
				env, agentLabels, start, null, null, null, null, null, null, null, null);
	}

	/**
	 * The same request with another image.
	 * @param otherImage the image
	 * @return a new request
	 */
	public JobRequest withImage(String otherImage) {
		return new JobRequest(this.name, this.description, otherImage, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
				this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
				this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator, this.schedule,
				this.restart, this.secretEnv);
	}

	/**
	 * The same request with another schedule.
	 * @param otherSchedule the schedule, {@code null} for none
	 * @return a new request
	 */
	public JobRequest withSchedule(ScheduleRequest otherSchedule) {
		return new JobRequest(this.name, this.description, this.image, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
				this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
				this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator, otherSchedule,
				this.restart, this.secretEnv);
	}

	/**
	 * The same request with another restart policy.
	 * @param otherRestart the policy, {@code null} for none
	 * @return a new request
	 */
	public JobRequest withRestart(RestartRequest otherRestart) {
		return new JobRequest(this.name, this.description, this.image, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
				this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
				this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator, this.schedule,
				otherRestart, this.secretEnv);
	}

	/**
	 * The same request with other explicitly secret variables.
	 * @param otherSecretEnv the names, {@code null} for none
	 * @return a new request
	 */
	/** The same request with another environment. */
	public JobRequest withEnv(Map<String, String> otherEnv) {
		return new JobRequest(this.name, this.description, this.image, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, otherEnv, this.agentLabels,
				this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
				this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator, this.schedule,
				this.restart, this.secretEnv);
	}

	public JobRequest withSecretEnv(List<String> otherSecretEnv) {
		return new JobRequest(this.name, this.description, this.image, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
				this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
				this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator, this.schedule,
				this.restart, otherSecretEnv);
	}

	/**
	 * Which of the request's own variables are secret: the ones named in
	 * {@code secretEnv}, and the ones whose names look secret.
	 * @return the names, in env's order
	 */
	public java.util.Set<String> secretNames() {
		java.util.Set<String> names = new java.util.LinkedHashSet<>();
		if (this.env != null) {
			this.env.keySet()
				.stream()
				.filter((key) -> SecretNames.looksSecret(key)
						|| (this.secretEnv != null && this.secretEnv.contains(key)))
				.forEach(names::add);
		}
		return names;
	}

	/**
	 * What the containers get as environment: the built-in generator's variables (if
	 * any), then the request's own.
	 * @return a new ordered map
	 */
	public Map<String, String> runEnv() {
		Map<String, String> all = new LinkedHashMap<>();
		if (this.generator != null) {
			all.putAll(this.generator.env());
		}
		if (this.env != null) {
			all.putAll(this.env);
		}
		return all;
	}

	/**
	 * Whether the job should start right away.
	 * @return {@code true} only if {@code start} was given as true
	 */
	public boolean startNow() {
		return Boolean.TRUE.equals(this.start);
	}

}
