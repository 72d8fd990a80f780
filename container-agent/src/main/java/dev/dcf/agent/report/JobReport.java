package dev.dcf.agent.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the agent did or saw for one job: an observation, not a decision (the handler
 * decides what the job becomes).
 *
 * @param jobId the job
 * @param runNumber the run it concerns
 * @param instructionId the instruction this answers, null for spontaneous reports
 * @param kind what happened
 * @param failure why a CREATE did not start: set exactly for START_FAILED
 * @param reason human-readable; always set for failures
 * @param containers the containers concerned
 * @param timestamp when the agent observed it
 * @param removal why containers were removed: set for REMOVED and REMOVE_FAILED only
 * @param output the end of the container's output: DRY_RUN_DONE and CONTAINER_EXITED
 * only, null otherwise
 * @param restart which restart of the restart policy: CONTAINER_RESTARTED and the STARTED
 * of the restarted container only, null otherwise
 */
public record JobReport(String jobId, int runNumber, String instructionId, Kind kind, StartFailure failure,
		String reason, List<ContainerReport> containers, Instant timestamp, Removal removal, String output,
		Restart restart) {

	public JobReport {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(timestamp, "timestamp");
		containers = List.copyOf(containers == null ? List.of() : containers);
		if ((kind == Kind.START_FAILED || kind == Kind.REMOVE_FAILED) && (reason == null || reason.isBlank())) {
			throw new IllegalArgumentException(kind + " needs a reason");
		}
		if (kind == Kind.START_FAILED && failure == null) {
			throw new IllegalArgumentException("START_FAILED needs a failure cause");
		}
		if (failure != null && kind != Kind.START_FAILED && kind != Kind.DRY_RUN_DONE) {
			throw new IllegalArgumentException(
					"a failure cause belongs to START_FAILED and DRY_RUN_DONE, " + kind + " has " + failure);
		}
		if (output != null && kind != Kind.DRY_RUN_DONE && kind != Kind.CONTAINER_EXITED) {
			throw new IllegalArgumentException("output belongs to DRY_RUN_DONE and CONTAINER_EXITED, not " + kind);
		}
		if (removal != null && kind != Kind.REMOVED && kind != Kind.REMOVE_FAILED) {
			throw new IllegalArgumentException("a removal cause belongs to REMOVED and REMOVE_FAILED, not " + kind);
		}
		if ((kind == Kind.CONTAINER_RESTARTED) != (restart != null) && kind != Kind.STARTED) {
			throw new IllegalArgumentException("a restart belongs to CONTAINER_RESTARTED (and STARTED), not " + kind);
		}
	}

	/** Without a restart. */
	public JobReport(String jobId, int runNumber, String instructionId, Kind kind, StartFailure failure, String reason,
			List<ContainerReport> containers, Instant timestamp, Removal removal, String output) {
		this(jobId, runNumber, instructionId, kind, failure, reason, containers, timestamp, removal, output, null);
	}

	/** Without output. */
	public JobReport(String jobId, int runNumber, String instructionId, Kind kind, StartFailure failure, String reason,
			List<ContainerReport> containers, Instant timestamp, Removal removal) {
		this(jobId, runNumber, instructionId, kind, failure, reason, containers, timestamp, removal, null, null);
	}

	/** Without a removal cause. */
	public JobReport(String jobId, int runNumber, String instructionId, Kind kind, StartFailure failure, String reason,
			List<ContainerReport> containers, Instant timestamp) {
		this(jobId, runNumber, instructionId, kind, failure, reason, containers, timestamp, null, null, null);
	}

	/** Why the agent removed containers. */
	public enum Removal {

		/** A DELETE asked for it. */
		REQUESTED,

		/** The job's duration plus the agent's deadline grace passed. */
		DEADLINE,

		/** The agent was cut off from Kafka for longer than stop-after-disconnect. */
		SELF_FENCED,

		/** The agent shut down with remove-containers-on-shutdown. */
		AGENT_SHUTDOWN

	}

	public enum Kind {

		STARTED, START_FAILED, REMOVED, REMOVE_FAILED, CONTAINER_EXITED,

		/**
		 * Progress, not an answer: the agent is still pulling the image of a CREATE
		 * (spontaneous, no instruction id; the reason says for how long).
		 */
		PULLING,

		/**
		 * The answer to a DRY_RUN: the container ran and is gone (containers lists it as
		 * last seen, output its last lines), or it could not start (failure and reason
		 * say why, no containers).
		 */
		DRY_RUN_DONE,

		/**
		 * A container exited with a code other than 0 and is restarted by the run's
		 * restart policy (containers lists the exited one, restart which restart).
		 */
		CONTAINER_RESTARTED

	}

	/**
	 * One restart of a container by the run's restart policy.
	 *
	 * @param attempt 1-based, within the policy's interval
	 * @param attempts restarts the policy allows within its interval
	 * @param delay wait before the new container starts
	 */
	public record Restart(int attempt, int attempts, Duration delay) {

	}

}
