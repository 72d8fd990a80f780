package dev.dcf.handler.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.test.util.ReflectionTestUtils;

/**
 * Test fixtures for jobs: valid requests to vary one field at a time, and jobs built like
 * the service builds them.
 */
public final class TestJobs {

	private TestJobs() {
	}

	/**
	 * A builder preset with a valid request.
	 * @return a new builder
	 */
	public static Request request() {
		return new Request();
	}

	/**
	 * A new CREATED job from a valid request.
	 * @param owner the owner
	 * @param now creation time
	 * @return the job
	 */
	public static Job job(String owner, Instant now) {
		return job(request().build(), owner, now);
	}

	public static Job job(JobRequest request, String owner, Instant now) {
		return new Job(request, owner, now);
	}

	/**
	 * The domain events a job has registered and not yet published.
	 * @param job the job
	 * @return the events
	 */
	public static List<Object> domainEvents(Job job) {
		Collection<Object> events = ReflectionTestUtils.invokeMethod(job, "domainEvents");
		return List.copyOf(events);
	}

	/**
	 * A mutable job request.
	 */
	public static final class Request {

		public String name = "sample";

		public String onAgentLost;

		public Boolean exclusive;

		public String description = "sample data";

		public String image = "dcf/sample-generator:latest";

		public List<String> command;

		public String topic = "sample-data";

		public Integer containers = 2;

		public Double cpuLimit = 0.5;

		public Integer memoryLimitMb = 256;

		public Long durationSeconds = 60L;

		public Instant startAt;

		public Map<String, String> env = new LinkedHashMap<>(Map.of("RATE", "10"));

		public Map<String, String> agentLabels;

		public Boolean start;

		public Integer partitions;

		public Integer replicationFactor;

		public Integer retentionHours;

		public String topicCleanup;

		public GeneratorRequest generator;

		public ScheduleRequest schedule;

		public RestartRequest restart;

		public Request restart(int attempts, String interval, String delay, String maxDelay) {
			this.restart = new RestartRequest(attempts, interval, delay, maxDelay);
			return this;
		}

		public Request schedule(String cron, String timeZone, String overlap) {
			this.schedule = new ScheduleRequest(cron, timeZone, overlap);
			return this;
		}

		public Request generator(GeneratorRequest generator) {
			this.generator = generator;
			return this;
		}

		public Request partitions(Integer partitions) {
			this.partitions = partitions;
			return this;
		}

		public Request replicationFactor(Integer replicationFactor) {
			this.replicationFactor = replicationFactor;
			return this;
		}

		public Request retentionHours(Integer retentionHours) {
			this.retentionHours = retentionHours;
			return this;
		}

		public Request topicCleanup(String topicCleanup) {
			this.topicCleanup = topicCleanup;
			return this;
		}

		public Request name(String name) {
			this.name = name;
			return this;
		}

		public Request description(String description) {
			this.description = description;
			return this;
		}

		public Request image(String image) {
			this.image = image;
			return this;
		}

		public Request command(List<String> command) {
			this.command = (command != null) ? new ArrayList<>(command) : null;
			return this;
		}

		public Request topic(String topic) {
			this.topic = topic;
			return this;
		}

		public Request containers(Integer containers) {
			this.containers = containers;
			return this;
		}

		public Request cpuLimit(Double cpuLimit) {
			this.cpuLimit = cpuLimit;
			return this;
		}

		public Request memoryLimitMb(Integer memoryLimitMb) {
			this.memoryLimitMb = memoryLimitMb;
			return this;
		}

		public Request durationSeconds(Long durationSeconds) {
			this.durationSeconds = durationSeconds;
			return this;
		}

		public Request startAt(Instant startAt) {
			this.startAt = startAt;
			return this;
		}

		public Request env(Map<String, String> env) {
			this.env = env;
			return this;
		}

		public Request agentLabels(Map<String, String> agentLabels) {
			this.agentLabels = agentLabels;
			return this;
		}

		public Request start(Boolean start) {
			this.start = start;
			return this;
		}

		public Request onAgentLost(String onAgentLost) {
			this.onAgentLost = onAgentLost;
			return this;
		}

		public Request exclusive(Boolean exclusive) {
			this.exclusive = exclusive;
			return this;
		}

		public Double targetRate;

		public Long maxRecords;

		public Request targetRate(Double targetRate) {
			this.targetRate = targetRate;
			return this;
		}

		public Request maxRecords(Long maxRecords) {
			this.maxRecords = maxRecords;
			return this;
		}

		public JobRequest build() {
			return new JobRequest(this.name, this.description, this.image, this.command, this.topic, this.containers,
					this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
					this.start, this.onAgentLost, this.exclusive, this.partitions, this.replicationFactor,
					this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords, this.generator,
					this.schedule, this.restart);
		}

	}

}
