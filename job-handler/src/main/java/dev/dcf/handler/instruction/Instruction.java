package dev.dcf.handler.instruction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.dcf.handler.job.RestartPolicy;

/**
 * One instruction to one agent, as the sender gets it (the messaging edge maps it to the
 * wire record).
 *
 * @param instructionId unique per instruction; agents recognise redeliveries by it
 * @param operation what the agent must do
 * @param agentId the agent that must act (also the record key)
 * @param jobId the job
 * @param runNumber the run it concerns
 * @param issuedAt when the handler decided it
 * @param deployment what to start; only for {@link Operation#CREATE} and
 * {@link Operation#DRY_RUN}, else {@code null}
 */
public record Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
		Instant issuedAt, Deployment deployment) {

	public Instruction {
		Objects.requireNonNull(instructionId, "instructionId");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(agentId, "agentId");
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(issuedAt, "issuedAt");
		if ((operation != Operation.DELETE) != (deployment != null)) {
			throw new IllegalArgumentException("A CREATE or DRY_RUN needs a deployment, a DELETE has none");
		}
	}

	/** What an agent is asked to do. */
	public enum Operation {

		/** Start the job's containers (idempotent on the agent). */
		CREATE,

		/** Stop and remove the job's containers up to this run (idempotent). */
		DELETE,

		/**
		 * Try the deployment: one container for a few seconds, then removed; the job id
		 * is the dry run's ({@code dev.dcf.handler.dryrun}). Never queued in the outbox.
		 */
		DRY_RUN

	}

	/**
	 * What a CREATE starts.
	 *
	 * @param image image reference
	 * @param command arguments replacing the image's CMD, empty for none
	 * @param topic the topic the generators write to
	 * @param containers how many containers
	 * @param cpus CPU limit per container
	 * @param memoryBytes memory limit per container
	 * @param env the job's environment
	 * @param owner who owns the job
	 * @param durationSeconds how long it runs (informational: the handler stops it)
	 * @param targetRate records per second for the whole job, {@code null} for none
	 * @param maxRecords records for the whole job, {@code null} for no limit
	 * @param restart what the agent does when a container crashes, never {@code null}
	 * @param sealedEnv the secret variables, each value sealed for the addressed agent
	 * (docs/security.md); never in {@code env}
	 */
	public record Deployment(String image, List<String> command, String topic, int containers, double cpus,
			long memoryBytes, Map<String, String> env, String owner, long durationSeconds, Double targetRate,
			Long maxRecords, RestartPolicy restart, Map<String, byte[]> sealedEnv) {

		public Deployment {
			command = List.copyOf(command);
			env = Map.copyOf(env);
			restart = (restart != null) ? restart : RestartPolicy.NONE;
			sealedEnv = (sealedEnv != null) ? Map.copyOf(sealedEnv) : Map.of();
		}

		/** Without secret variables. */
		public Deployment(String image, List<String> command, String topic, int containers, double cpus,
				long memoryBytes, Map<String, String> env, String owner, long durationSeconds, Double targetRate,
				Long maxRecords, RestartPolicy restart) {
			this(image, command, topic, containers, cpus, memoryBytes, env, owner, durationSeconds, targetRate,
					maxRecords, restart, null);
		}

		/** Without a restart policy. */
		public Deployment(String image, List<String> command, String topic, int containers, double cpus,
				long memoryBytes, Map<String, String> env, String owner, long durationSeconds, Double targetRate,
				Long maxRecords) {
			this(image, command, topic, containers, cpus, memoryBytes, env, owner, durationSeconds, targetRate,
					maxRecords, null);
		}

		/** Without a target rate or a record limit. */
		public Deployment(String image, List<String> command, String topic, int containers, double cpus,
				long memoryBytes, Map<String, String> env, String owner, long durationSeconds) {
			this(image, command, topic, containers, cpus, memoryBytes, env, owner, durationSeconds, null, null);
		}

	}

}
