package dev.dcf.handler.throughput;

import java.util.List;

/**
 * The measured throughput of a job's run.
 *
 * @param jobId the job
 * @param runNumber the run
 * @param active whether the run is still being sampled (the job is RUNNING)
 * @param recordsPerSecond the latest rate, {@code null} before the second sample
 * @param bytesPerSecond the latest byte rate, {@code null} if unknown
 * @param averagePerSecond records per second over the sampled time
 * @param peakPerSecond the highest rate between two samples
 * @param records records counted since the run's first sample
 * @param bytes bytes counted since the run's first sample, {@code null} if unknown
 * @param points the latest points, oldest first (bounded by
 * {@code dcf.handler.throughput.history})
 */
public record JobThroughput(String jobId, int runNumber, boolean active, Double recordsPerSecond, Double bytesPerSecond,
		Double averagePerSecond, Double peakPerSecond, long records, Long bytes, List<ThroughputPoint> points) {
}
