package dev.dcf.handler.dryrun;

import java.util.List;

/**
 * The answer to a dry run (the JSON of {@code POST /api/jobs/dry-run}, the result card of
 * the form).
 *
 * @param dryRunId the dry run's id
 * @param agentId the agent it ran on, {@code null} if none was asked
 * @param started whether the container started
 * @param exitCode its exit code, {@code null} if it did not start or it is unknown
 * @param failure why it did not start, as the agent's start-failure symbol (e.g.
 * {@code IMAGE_UNAVAILABLE}), or {@code NO_ANSWER} / {@code NOT_SENT} /
 * {@code TOPIC_UNAVAILABLE} for the handler's own; {@code null} if it started
 * @param reason how it ended, or why it did not start
 * @param recordsWritten records on the scratch topic afterwards, {@code null} if unknown
 * @param ratePerSecond records written per second the container ran, {@code null} if
 * unknown
 * @param records the first records, decoded (at most {@link DryRunService#SAMPLE})
 * @param output the last lines of its output
 * @param durationMillis from the request to the answer
 * @param topic the scratch topic
 * @param topicDeleted whether the scratch topic is gone again
 */
public record DryRunResult(String dryRunId, String agentId, boolean started, Integer exitCode, String failure,
		String reason, Long recordsWritten, Double ratePerSecond, List<DryRunRecord> records, List<String> output,
		long durationMillis, String topic, boolean topicDeleted) {

	public DryRunResult {
		records = List.copyOf(records);
		output = List.copyOf(output);
	}

}
