package dev.dcf.handler.logs;

import java.util.List;

/**
 * A batch of live output of one followed container, as an agent sent it.
 *
 * @param agentId the agent that follows it
 * @param jobId the job
 * @param runNumber the run
 * @param index the container index
 * @param lines whole lines, in order
 * @param dropped lines the agent dropped since its previous batch (rate bound)
 * @param ended whether the follow is over
 * @param endReason why, when ended
 */
public record LiveLogLines(String agentId, String jobId, int runNumber, int index, List<String> lines, long dropped,
		boolean ended, String endReason) {

	public LiveLogLines {
		lines = List.copyOf(lines);
	}

}
