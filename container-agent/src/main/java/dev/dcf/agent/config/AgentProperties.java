package dev.dcf.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.RegistryCredentials;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of one agent ({@code dcf.agent.*}). Bound once at start and validated: a
 * misconfigured agent refuses to start instead of failing later.
 *
 * @param id agent id; when unset, a UUID kept in {@code idFile} (created on first start)
 * @param idFile where the generated id is kept
 * @param labels free-form labels the handler can place jobs by
 * @param dockerHost Docker endpoint ({@code unix:///var/run/docker.sock},
 * {@code tcp://host:2375})
 * @param dockerNetwork network of the generator containers ({@code host} or a named
 * network)
 * @param generatorBootstrapServers what containers get as
 * {@code KAFKA_BOOTSTRAP_SERVERS}; unset = the agent's own
 * {@code spring.kafka.bootstrap-servers}
 * @param generatorSchemaRegistryUrl what containers get as {@code SCHEMA_REGISTRY_URL}
 * (unless a job sets it itself); unset = the agent's own {@code dcf.schema-registry.url}
 * @param heartbeatInterval how often the agent reports its status
 * @param maxContainers most containers this agent runs at once
 * @param allowedImages glob patterns of images jobs may use ({@code *} within a path
 * segment, {@code **} across segments); empty = any image
 * @param registries private registry logins by registry host ({@code [host:port]} in YAML
 * keys)
 * @param pullPolicy when to pull an image before creating containers
 * @param pullTimeout longest an image pull may take, retries of an unavailable registry
 * included
 * @param pullProgressInterval how often the agent reports PULLING for a job while it
 * pulls the job's image (the first report goes out when the pull starts); keep it well
 * below the handler's {@code deploy-timeout}, which counts from the newest report
 * @param stopTimeout grace period between SIGTERM and SIGKILL on DELETE
 * @param dockerTimeout bound of every other Docker call
 * @param maxPollInterval Kafka {@code max.poll.interval.ms} of the instruction consumer;
 * must cover the slowest instruction (checked at start)
 * @param hardening tunable bounds applied to every container
 * @param health thresholds of the health checks
 * @param removeContainersOnShutdown whether the agent stops and removes all its
 * containers when it shuts down (the standalone launcher sets it); off by default, so
 * that restarting an agent never stops its jobs
 * @param deadlineGrace added to a job's duration for its containers' deadline (label
 * {@code dcf.deadline}): the agent stops and removes containers whose deadline passed by
 * itself, also while it cannot reach Kafka; the grace lets the handler's own stop come
 * first
 * @param stopAfterDisconnect when set, an agent that had no heartbeat acknowledged by
 * Kafka for this long stops and removes all its containers (self-fencing, like Nomad's
 * {@code stop_on_client_after}); unset = never
 * @param dryRunTime how long a dry run may take on this agent, its image's pull included:
 * its one container is stopped once this has passed since the DRY_RUN arrived
 * @param statsInterval how often the agent samples the resource use (CPU, memory,
 * network) of its running containers; each heartbeat carries the newest sample
 * @param testing fault injection for tests only; never set in production
 * @param concurrentInstructions most instructions the agent takes from one poll and
 * carries out side by side: CREATEs of different jobs overlap (the next one's checks and
 * create while the daemon starts the previous one's containers); anything else runs
 * alone, in order; 1 = one instruction at a time
 */
@ConfigurationProperties("dcf.agent")
@Validated
public record AgentProperties(@Pattern(regexp = ID_PATTERN, message = "must match " + ID_PATTERN) String id,
		@DefaultValue("./data/agent-id") @NotNull Path idFile, Map<String, String> labels,
		@DefaultValue("unix:///var/run/docker.sock") @NotBlank String dockerHost,
		@DefaultValue("host") @NotBlank String dockerNetwork, String generatorBootstrapServers,
		String generatorSchemaRegistryUrl, @DefaultValue("5s") @NotNull Duration heartbeatInterval,
		@DefaultValue("20") @Min(1) int maxContainers, List<@NotBlank String> allowedImages,
		Map<String, @Valid RegistryLogin> registries, @DefaultValue("if-not-present") @NotNull PullPolicy pullPolicy,
		@DefaultValue("5m") @NotNull Duration pullTimeout, @DefaultValue("15s") @NotNull Duration pullProgressInterval,
		@DefaultValue("10s") @NotNull Duration stopTimeout, @DefaultValue("30s") @NotNull Duration dockerTimeout,
		@DefaultValue("2h") @NotNull Duration maxPollInterval, @DefaultValue @Valid @NotNull Hardening hardening,
		@DefaultValue @Valid @NotNull Health health, @DefaultValue("false") boolean removeContainersOnShutdown,
		@DefaultValue("30s") @NotNull Duration deadlineGrace, Duration stopAfterDisconnect,
		@DefaultValue("10s") @NotNull Duration dryRunTime, @DefaultValue @Valid @NotNull Testing testing,
		@DefaultValue("10s") @NotNull Duration statsInterval,
		@DefaultValue("16") @Min(1) @Max(MAX_CONCURRENT_INSTRUCTIONS) int concurrentInstructions) {

	/**
	 * Agent ids end up in consumer group names, labels and file names: keep them plain.
	 */
	public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";

	/** Bound of {@code concurrent-instructions}: each is a thread and a Docker call. */
	public static final int MAX_CONCURRENT_INSTRUCTIONS = 32;

	public AgentProperties {
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		allowedImages = (allowedImages != null) ? List.copyOf(allowedImages) : List.of();
		registries = (registries != null) ? Map.copyOf(registries) : Map.of();
		requirePositive("heartbeat-interval", heartbeatInterval);
		requirePositive("pull-timeout", pullTimeout);
		requirePositive("pull-progress-interval", pullProgressInterval);
		requirePositive("stop-timeout", stopTimeout);
		requirePositive("docker-timeout", dockerTimeout);
		requirePositive("max-poll-interval", maxPollInterval);
		requirePositive("stop-after-disconnect", stopAfterDisconnect);
		requirePositive("dry-run-time", dryRunTime);
		requirePositive("stats-interval", statsInterval);
		if (deadlineGrace != null && deadlineGrace.isNegative()) {
			throw new IllegalArgumentException("dcf.agent.deadline-grace must not be negative, was " + deadlineGrace);
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new IllegalArgumentException("dcf.agent." + name + " must be positive, was " + value);
		}
	}

	/**
	 * The id file as an absolute path, as the containers' {@code dcf.agent-id-file} label
	 * has it.
	 */
	public String idFilePath() {
		return this.idFile.toAbsolutePath().normalize().toString();
	}

	/** Login for the registry {@code host}, if one is configured. */
	public Optional<RegistryCredentials> credentialsFor(String host) {
		RegistryLogin login = this.registries.get(host);
		return (login != null) ? Optional.of(new RegistryCredentials(host, login.username(), login.password()))
				: Optional.empty();
	}

	/** When to pull an image. */
	public enum PullPolicy {

		/** Pull only when the image is not present locally. */
		IF_NOT_PRESENT,
		/** Pull before every CREATE (picks up a moved tag). */
		ALWAYS

	}

	/**
	 * A private registry login. {@link #toString()} never shows the password.
	 *
	 * @param username user
	 * @param password password or token
	 */
	public record RegistryLogin(@NotBlank String username, @NotBlank String password) {

		@Override
		public String toString() {
			return "RegistryLogin[username=" + this.username + ", password=***]";
		}

	}

	/**
	 * Bounds applied to every container; no job field can change them.
	 *
	 * @param pidsLimit most processes per container
	 * @param logMaxSize json-file log max size ({@code 10m})
	 * @param logMaxFiles json-file log files kept
	 */
	public record Hardening(@DefaultValue("256") @Min(1) long pidsLimit,
			@DefaultValue("10m") @Pattern(regexp = "[1-9][0-9]*[kmg]",
					message = "must be a number with k, m or g, e.g. 10m") String logMaxSize,
			@DefaultValue("3") @Min(1) int logMaxFiles) {

		public ContainerSpec.Hardening toSpec() {
			return new ContainerSpec.Hardening(this.pidsLimit, this.logMaxSize, this.logMaxFiles);
		}

	}

	/**
	 * Health check thresholds.
	 *
	 * @param minFreeMemory below this much available memory the agent is unhealthy
	 * @param minFreeDisk below this much usable disk at {@code diskPath} the agent is
	 * unhealthy
	 * @param diskPath where images and container layers live (nearest existing parent is
	 * measured)
	 * @param checkTimeout bound of each check
	 */
	public record Health(@DefaultValue("256MB") @NotNull DataSize minFreeMemory,
			@DefaultValue("1GB") @NotNull DataSize minFreeDisk, @DefaultValue("/var/lib/docker") @NotNull Path diskPath,
			@DefaultValue("3s") @NotNull Duration checkTimeout) {

	}

	/**
	 * Fault injection, for fault tests only: everything off by default and in production.
	 *
	 * @param errorOnInstruction the instruction listener throws an {@link Error} on the
	 * next instruction it receives (as an {@code OutOfMemoryError} would), to show that
	 * an agent whose listener died says so in its heartbeats
	 */
	public record Testing(@DefaultValue("false") boolean errorOnInstruction) {

	}

}
