package dev.dcf.handler.live;

import java.util.Map;

import dev.dcf.handler.throughput.ThroughputSampled;

/**
 * A job's newest throughput point, as browsers receive it: numbers only.
 *
 * @param jobId the job
 * @param runNumber the run
 * @param at when the point was sampled (ISO-8601, UTC)
 * @param recordsPerSecond records per second since the previous sample
 * @param bytesPerSecond bytes per second, {@code null} if unknown
 */
record ThroughputUpdate(String jobId, int runNumber, String at, double recordsPerSecond, Double bytesPerSecond) {

	static ThroughputUpdate of(String jobId, ThroughputSampled.RunPoint latest) {
		return new ThroughputUpdate(jobId, latest.runNumber(), latest.point().at().toString(),
				latest.point().recordsPerSecond(), latest.point().bytesPerSecond());
	}

	/**
	 * The rates of all jobs after a round.
	 *
	 * @param at when the round sampled (ISO-8601, UTC)
	 * @param totalRecordsPerSecond the sum
	 * @param rates records per second by job id
	 */
	record All(String at, double totalRecordsPerSecond, Map<String, Double> rates) {
	}

}
