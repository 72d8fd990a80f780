package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An instruction from the handler, in the agent's terms (messaging maps the wire record
 * to this).
 *
 * @param instructionId unique per instruction
 * @param operation what to do
 * @param agentId the agent that must act
 * @param jobId the job
 * @param runNumber which run of the job
 * @param issuedAt when the handler sent it
 * @param image CREATE: image reference
 * @param command CREATE: overrides the image's CMD when not empty
 * @param topic CREATE: topic the generators write to
 * @param containers CREATE: how many containers
 * @param limits CREATE: per-container limits, null = unlimited
 * @param env CREATE: the job's own environment
 * @param owner who owns the job, informational
 * @param duration CREATE: how long the job runs, null = until stopped; the agent removes
 * the containers by itself once it (plus its deadline grace) has passed
 * @param shares CREATE: the job's target rate and record limit, each container gets its
 * share; never null
 */
public record Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
		Instant issuedAt, String image, List<String> command, String topic, int containers, Limits limits,
		Map<String, String> env, String owner, Duration duration, Shares shares) {

	public Instruction {
		Objects.requireNonNull(instructionId, "instructionId");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(agentId, "agentId");
		Objects.requireNonNull(jobId, "jobId");
		command = List.copyOf(command == null ? List.of() : command);
		env = Map.copyOf(env == null ? Map.of() : env);
		shares = (shares != null) ? shares : Shares.NONE;
	}

	/** Without a target rate or a record limit. */
	public Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
			Instant issuedAt, String image, List<String> command, String topic, int containers, Limits limits,
			Map<String, String> env, String owner, Duration duration) {
		this(instructionId, operation, agentId, jobId, runNumber, issuedAt, image, command, topic, containers, limits,
				env, owner, duration, Shares.NONE);
	}

	/** Without a duration: the containers run until a DELETE. */
	public Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
			Instant issuedAt, String image, List<String> command, String topic, int containers, Limits limits,
			Map<String, String> env, String owner) {
		this(instructionId, operation, agentId, jobId, runNumber, issuedAt, image, command, topic, containers, limits,
				env, owner, null);
	}

	public enum Operation {

		CREATE, DELETE,
		/**
		 * Try the image: one container on a scratch topic for a short while, then
		 * removed; answered with DRY_RUN_DONE. The job id is the dry run's id.
		 */
		DRY_RUN,
		/** Sent by a newer handler; this agent does not know what to do with it. */
		UNKNOWN

	}

	/**
	 * @param cpus CPUs per container (0.5 = half a CPU)
	 * @param memoryBytes hard memory limit per container
	 */
	public record Limits(double cpus, long memoryBytes) {

	}

}
