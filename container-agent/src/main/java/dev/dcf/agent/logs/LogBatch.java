package dev.dcf.agent.logs;

import java.util.List;

/**
 * Lines of one followed container since the previous batch.
 *
 * @param jobId the job
 * @param runNumber its run
 * @param index the container index
 * @param lines whole lines, in order, cut ones marked
 * @param dropped lines dropped by the rate bound since the previous batch
 * @param ended whether the follow is over (no further batch)
 * @param endReason why it ended, null unless ended
 */
public record LogBatch(String jobId, int runNumber, int index, List<String> lines, long dropped, boolean ended,
		String endReason) {

	public LogBatch {
		lines = List.copyOf(lines);
	}

}
