package dev.dcf.handler.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.dcf.handler.agent.ReportedContainer;

/**
 * One job report of an agent, as a domain record (the messaging edge maps the wire record
 * to it): what the agent did or saw for one run of one job.
 *
 * @param agentId the reporting agent
 * @param sequence the agent's report counter (increasing, also across its restarts)
 * @param jobId the job
 * @param runNumber the run it concerns
 * @param instructionId the instruction it answers; {@code null} for spontaneous reports
 * @param kind what happened
 * @param failure why a CREATE did not start, for START_FAILED; {@code null} otherwise and
 * from agents that predate the field
 * @param reason the agent's explanation; always set for failures
 * @param containers the containers concerned
 * @param timestamp when the agent observed it (its clock)
 * @param removal why the containers were removed, for REMOVED and REMOVE_FAILED;
 * {@code null} otherwise and from agents that predate the field
 * @param restart which restart of the job's restart policy, for CONTAINER_RESTARTED and
 * the STARTED of a restarted container; {@code null} otherwise
 */
public record JobReport(String agentId, long sequence, String jobId, int runNumber, String instructionId, Kind kind,
		StartFailure failure, String reason, List<ReportedContainer> containers, Instant timestamp,
		RemovalCause removal, Restart restart) {

	/**
	 * A report without a restart.
	 */
	public JobReport(String agentId, long sequence, String jobId, int runNumber, String instructionId, Kind kind,
			StartFailure failure, String reason, List<ReportedContainer> containers, Instant timestamp,
			RemovalCause removal) {
		this(agentId, sequence, jobId, runNumber, instructionId, kind, failure, reason, containers, timestamp, removal,
				null);
	}

	/**
	 * A report without a removal cause.
	 */
	public JobReport(String agentId, long sequence, String jobId, int runNumber, String instructionId, Kind kind,
			StartFailure failure, String reason, List<ReportedContainer> containers, Instant timestamp) {
		this(agentId, sequence, jobId, runNumber, instructionId, kind, failure, reason, containers, timestamp, null,
				null);
	}

	public JobReport {
		Objects.requireNonNull(agentId, "agentId");
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(kind, "kind");
		containers = (containers != null) ? List.copyOf(containers) : List.of();
	}

	/** What the agent observed. */
	public enum Kind {

		/** A kind this handler does not know (a newer agent): ignored. */
		UNKNOWN,

		/** All containers of the run were started (answer to CREATE). */
		STARTED,

		/** CREATE was refused or failed; nothing of the run is left running. */
		START_FAILED,

		/** The containers were stopped and removed (answer to DELETE). */
		REMOVED,

		/** DELETE failed for some containers. */
		REMOVE_FAILED,

		/** A container exited by itself. */
		CONTAINER_EXITED,

		/**
		 * Progress, not an answer: the agent is still pulling the run's image (sent at
		 * the start of the pull and then every little while).
		 */
		PULLING,

		/**
		 * A container exited with a code other than 0 and its agent restarts it by the
		 * job's restart policy; the new container follows as STARTED.
		 */
		CONTAINER_RESTARTED

	}

	/**
	 * One restart of a container by the job's restart policy.
	 *
	 * @param attempt 1-based, within the policy's interval
	 * @param attempts restarts the policy allows within its interval
	 * @param delay the agent's wait before the new container starts
	 */
	public record Restart(int attempt, int attempts, Duration delay) {

	}

}
