package dev.dcf.handler.dryrun;

import java.time.Instant;

/**
 * An agent's answer to a DRY_RUN (the messaging edge maps the wire record to it).
 *
 * @param agentId the answering agent
 * @param dryRunId the dry run
 * @param instructionId the DRY_RUN it answers
 * @param failure why it did not start (the agent's start-failure symbol), {@code null} if
 * it started
 * @param reason how it ended, or why it did not start
 * @param exitCode the container's exit code, {@code null} if unknown or it did not start
 * @param startedAt when the container started, {@code null} if unknown
 * @param finishedAt when it stopped, {@code null} if unknown
 * @param output the end of its output, {@code null} if none was read
 */
public record DryRunReport(String agentId, String dryRunId, String instructionId, String failure, String reason,
		Integer exitCode, Instant startedAt, Instant finishedAt, String output) {

	/**
	 * Whether the container started.
	 * @return {@code true} if the agent reports no failure
	 */
	boolean started() {
		return this.failure == null;
	}

}
