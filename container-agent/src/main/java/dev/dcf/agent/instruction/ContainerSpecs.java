package dev.dcf.agent.instruction;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.dcf.agent.config.GeneratorKafka;
import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ContainerSpec;

/**
 * Turns a CREATE instruction into container specs: deterministic name, labels,
 * environment, limits, network and the agent's hardening. Pure.
 */
final class ContainerSpecs {

	static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

	static final String KAFKA_TOPIC = "KAFKA_TOPIC";

	static final String DCF_JOB_ID = "DCF_JOB_ID";

	static final String DCF_CONTAINER_INDEX = "DCF_CONTAINER_INDEX";

	static final String DCF_CONTAINER_COUNT = "DCF_CONTAINER_COUNT";

	static final String SCHEMA_REGISTRY_URL = "SCHEMA_REGISTRY_URL";

	/** POSIX-ish: what a shell could export; never contains '='. */
	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

	private static final double NANOS_PER_CPU = 1_000_000_000d;

	private final String agentId;

	private final String bootstrapServers;

	private final String schemaRegistryUrl;

	private final String network;

	private final ContainerSpec.Hardening hardening;

	private final String idFile;

	ContainerSpecs(String agentId, String bootstrapServers, String network, ContainerSpec.Hardening hardening) {
		this(agentId, bootstrapServers, network, hardening, null);
	}

	/**
	 * @param idFile absolute path of the agent's id file, put on every container so that
	 * the agent recognises its containers should it lose the file; null = no such label
	 */
	ContainerSpecs(String agentId, String bootstrapServers, String network, ContainerSpec.Hardening hardening,
			String idFile) {
		this(agentId, new GeneratorKafka(bootstrapServers), network, hardening, idFile);
	}

	/**
	 * @param kafka the broker and schema registry the containers are told about
	 * @param idFile absolute path of the agent's id file (see above), null = no label
	 */
	ContainerSpecs(String agentId, GeneratorKafka kafka, String network, ContainerSpec.Hardening hardening,
			String idFile) {
		this.agentId = agentId;
		this.bootstrapServers = kafka.bootstrapServers();
		this.schemaRegistryUrl = kafka.schemaRegistryUrl();
		this.network = network;
		this.hardening = hardening;
		this.idFile = idFile;
	}

	/** Spec of container {@code index} of a validated CREATE, without a deadline. */
	ContainerSpec spec(Instruction instruction, int index) {
		return spec(instruction, index, null);
	}

	/**
	 * Spec of container {@code index} of a validated CREATE.
	 * @param deadline when the agent removes it by itself (label {@code dcf.deadline}),
	 * null = never
	 */
	ContainerSpec spec(Instruction instruction, int index, Instant deadline) {
		Map<String, String> agentEnv = new LinkedHashMap<>(
				instruction.shares().environment(index, instruction.containers()));
		agentEnv.put(KAFKA_BOOTSTRAP_SERVERS, this.bootstrapServers);
		agentEnv.put(KAFKA_TOPIC, instruction.topic());
		agentEnv.put(DCF_JOB_ID, instruction.jobId());
		agentEnv.put(DCF_CONTAINER_INDEX, Integer.toString(index));
		agentEnv.put(DCF_CONTAINER_COUNT, Integer.toString(instruction.containers()));
		Instruction.Limits limits = instruction.limits();
		return new ContainerSpec(ManagedLabels.containerName(instruction.jobId(), index), instruction.image(),
				instruction.command(), environment(jobEnv(instruction), agentEnv), labels(instruction, index, deadline),
				(limits != null) ? nanoCpus(limits.cpus()) : 0, (limits != null) ? limits.memoryBytes() : 0,
				this.network, this.hardening);
	}

	/**
	 * Spec of the one container of a validated DRY_RUN: as container 0 of a CREATE of one
	 * container, marked as a dry run.
	 * @param deadline when the agent removes it by itself should the dry run not finish
	 */
	ContainerSpec dryRunSpec(Instruction instruction, Instant deadline) {
		ContainerSpec spec = spec(instruction, 0, deadline);
		Map<String, String> labels = new LinkedHashMap<>(spec.labels());
		labels.put(ManagedLabels.DRY_RUN, "true");
		return new ContainerSpec(spec.name(), spec.image(), spec.command(), spec.env(), labels, spec.nanoCpus(),
				spec.memoryBytes(), spec.network(), spec.hardening());
	}

	Map<String, String> labels(Instruction instruction, int index) {
		return labels(instruction, index, null);
	}

	Map<String, String> labels(Instruction instruction, int index, Instant deadline) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put(ManagedLabels.MANAGED, "true");
		labels.put(ManagedLabels.JOB_ID, instruction.jobId());
		labels.put(ManagedLabels.AGENT_ID, this.agentId);
		labels.put(ManagedLabels.CONTAINER_INDEX, Integer.toString(index));
		labels.put(ManagedLabels.RUN, Integer.toString(instruction.runNumber()));
		if (deadline != null) {
			labels.put(ManagedLabels.DEADLINE, deadline.toString());
		}
		if (this.idFile != null) {
			labels.put(ManagedLabels.AGENT_ID_FILE, this.idFile);
		}
		return labels;
	}

	/**
	 * The job's environment overlaid with the agent's: the agent's variables always win,
	 * so a job cannot point its generators at another Kafka or topic.
	 */
	/**
	 * The job's env after the defaults a job may override ({@code SCHEMA_REGISTRY_URL}).
	 */
	private Map<String, String> jobEnv(Instruction instruction) {
		if (this.schemaRegistryUrl == null) {
			return instruction.env();
		}
		Map<String, String> env = new LinkedHashMap<>();
		env.put(SCHEMA_REGISTRY_URL, this.schemaRegistryUrl);
		env.putAll(instruction.env());
		return env;
	}

	static Map<String, String> environment(Map<String, String> jobEnv, Map<String, String> agentEnv) {
		Map<String, String> merged = new LinkedHashMap<>(jobEnv);
		merged.putAll(agentEnv);
		return merged;
	}

	/** CPUs as Docker's NanoCPUs (0.5 -> 500000000). */
	static long nanoCpus(double cpus) {
		return Math.round(cpus * NANOS_PER_CPU);
	}

	/**
	 * What is wrong with a CREATE before anything is touched, or empty if nothing is.
	 */
	static Optional<String> problems(Instruction instruction) {
		if (instruction.image() == null || instruction.image().isBlank()) {
			return Optional.of("the instruction names no image");
		}
		if (instruction.topic() == null || instruction.topic().isBlank()) {
			return Optional.of("the instruction names no topic");
		}
		if (instruction.containers() < 1) {
			return Optional.of("the instruction asks for " + instruction.containers() + " containers (at least 1)");
		}
		Instruction.Limits limits = instruction.limits();
		if (limits != null && (limits.cpus() < 0 || Double.isNaN(limits.cpus()) || Double.isInfinite(limits.cpus()))) {
			return Optional.of("invalid CPU limit " + limits.cpus());
		}
		if (limits != null && limits.memoryBytes() < 0) {
			return Optional.of("invalid memory limit " + limits.memoryBytes() + " bytes");
		}
		for (String name : instruction.env().keySet()) {
			if (!ENV_NAME.matcher(name).matches()) {
				return Optional.of("invalid environment variable name '" + name + "'");
			}
		}
		return Optional.empty();
	}

}
