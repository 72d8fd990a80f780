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
 * @param restart CREATE: what to do when a container exits with a code other than 0;
 * never null ({@link Restart#NONE}: report the exit at once)
 */
public record Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
		Instant issuedAt, String image, List<String> command, String topic, int containers, Limits limits,
		Map<String, String> env, String owner, Duration duration, Shares shares, Restart restart) {

	public Instruction {
		Objects.requireNonNull(instructionId, "instructionId");
		Objects.requireNonNull(operation, "operation");
		Objects.requireNonNull(agentId, "agentId");
		Objects.requireNonNull(jobId, "jobId");
		command = List.copyOf(command == null ? List.of() : command);
		env = Map.copyOf(env == null ? Map.of() : env);
		shares = (shares != null) ? shares : Shares.NONE;
		restart = (restart != null) ? restart : Restart.NONE;
	}

	/**
	 * Without env values: they may hold opened secrets, which are never logged.
	 */
	@Override
	public String toString() {
		return "Instruction[" + this.operation + " job " + this.jobId + " run " + this.runNumber + " for agent "
				+ this.agentId + " (" + this.instructionId + "), image " + this.image + ", env names "
				+ this.env.keySet() + "]";
	}

	/** Without a restart policy. */
	public Instruction(String instructionId, Operation operation, String agentId, String jobId, int runNumber,
			Instant issuedAt, String image, List<String> command, String topic, int containers, Limits limits,
			Map<String, String> env, String owner, Duration duration, Shares shares) {
		this(instructionId, operation, agentId, jobId, runNumber, issuedAt, image, command, topic, containers, limits,
				env, owner, duration, shares, Restart.NONE);
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

	/**
	 * The run's restart policy (as Nomad's {@code restart} block): a container that exits
	 * with a code other than 0 is restarted up to {@code attempts} times within
	 * {@code interval}, after {@code delay}, doubled for every further restart within the
	 * interval and capped at {@code maxDelay}.
	 *
	 * @param attempts restarts allowed within the interval, 0 = none
	 * @param interval the window the attempts are counted in
	 * @param delay wait before the first restart of the window
	 * @param maxDelay longest wait
	 */
	public record Restart(int attempts, Duration interval, Duration delay, Duration maxDelay) {

		/** No restarts: an exit is reported at once. */
		public static final Restart NONE = new Restart(0, Duration.ofMinutes(10), Duration.ofSeconds(5),
				Duration.ofMinutes(1));

		public Restart {
			Objects.requireNonNull(interval, "interval");
			Objects.requireNonNull(delay, "delay");
			Objects.requireNonNull(maxDelay, "maxDelay");
			attempts = Math.max(0, attempts);
		}

		/** Whether exits are restarted at all. */
		public boolean restarts() {
			return this.attempts > 0;
		}

		/**
		 * The wait before restart {@code attempt} of a window: delay × 2^(attempt−1), at
		 * most maxDelay.
		 * @param attempt 1-based
		 */
		public Duration delayBefore(int attempt) {
			Duration wait = this.delay;
			for (int i = 1; i < attempt && wait.compareTo(this.maxDelay) < 0; i++) {
				wait = wait.multipliedBy(2);
			}
			return (wait.compareTo(this.maxDelay) > 0) ? this.maxDelay : wait;
		}

	}

}
