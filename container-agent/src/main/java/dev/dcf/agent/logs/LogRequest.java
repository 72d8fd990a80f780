package dev.dcf.agent.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * What a LOGS instruction asks for: follow container {@code index} of a job's run.
 *
 * @param jobId the job
 * @param runNumber its run
 * @param index the container index within the run
 * @param tail lines of the past to send first (only when the follow starts)
 * @param lease how long to follow unless renewed; null = the agent's default
 */
public record LogRequest(String jobId, int runNumber, int index, int tail, Duration lease) {

	public LogRequest {
		Objects.requireNonNull(jobId, "jobId");
		tail = Math.max(0, tail);
		lease = (lease != null && !lease.isNegative() && !lease.isZero()) ? lease : null;
	}

}
