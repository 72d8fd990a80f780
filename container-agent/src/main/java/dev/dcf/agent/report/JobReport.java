package dev.dcf.agent.report;

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
 */
public record JobReport(String jobId, int runNumber, String instructionId, Kind kind, StartFailure failure,
		String reason, List<ContainerReport> containers, Instant timestamp) {

	public JobReport {
		Objects.requireNonNull(jobId, "jobId");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(timestamp, "timestamp");
		containers = List.copyOf(containers == null ? List.of() : containers);
		if ((kind == Kind.START_FAILED || kind == Kind.REMOVE_FAILED) && (reason == null || reason.isBlank())) {
			throw new IllegalArgumentException(kind + " needs a reason");
		}
		if ((kind == Kind.START_FAILED) != (failure != null)) {
			throw new IllegalArgumentException(
					"a failure cause belongs to START_FAILED only, " + kind + " has " + failure);
		}
	}

	public enum Kind {

		STARTED, START_FAILED, REMOVED, REMOVE_FAILED, CONTAINER_EXITED

	}

}
