package dev.dcf.handler.throughput;

import java.time.Instant;
import java.util.Map;

/**
 * A sampling round happened: the latest rate of every job that has one.
 *
 * @param at when the round sampled the brokers
 * @param points the newest point per job id, with its run (jobs without a rate yet are
 * absent)
 * @param totalRecordsPerSecond the sum over all jobs (a topic shared by two jobs counts
 * twice)
 */
public record ThroughputSampled(Instant at, Map<String, RunPoint> points, double totalRecordsPerSecond) {

	public ThroughputSampled {
		points = Map.copyOf(points);
	}

	/**
	 * A job's newest point.
	 *
	 * @param runNumber the run it belongs to
	 * @param point the point
	 */
	public record RunPoint(int runNumber, ThroughputPoint point) {
	}

}
