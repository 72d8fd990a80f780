package dev.dcf.handler.logs;

import java.time.Duration;

/**
 * Asks an agent to follow a container (a LOGS instruction, sent by messaging). Not
 * through the outbox: a lost request is renewed anyway and an old one is worthless.
 */
public interface LogFollowRequests {

	/**
	 * @param agentId the agent running the container
	 * @param jobId the job
	 * @param runNumber its current run
	 * @param index the container index
	 * @param tail past lines to start with (the agent ignores it on a renewal)
	 * @param lease how long to follow unless renewed
	 */
	void request(String agentId, String jobId, int runNumber, int index, int tail, Duration lease);

}
