package dev.dcf.handler.api;

import java.time.Instant;
import java.util.List;

import dev.dcf.handler.stats.ContainerSample;
import dev.dcf.handler.stats.StatsTotals;

/**
 * Resource use of running containers as the API shows it: the newest sample of each and
 * their sums.
 *
 * @param containers one entry per running container that has a sample
 * @param totals their sums
 */
record StatsView(List<Container> containers, StatsTotals totals) {

	static StatsView of(List<ContainerSample> samples) {
		return new StatsView(samples.stream().map(Container::of).toList(), StatsTotals.of(samples));
	}

	/**
	 * @param jobId its job
	 * @param runNumber the run that started it
	 * @param index its index within the job
	 * @param agentId the agent that runs it
	 * @param containerId Docker's id
	 * @param name its name
	 * @param cpuPercent CPU use in percent of one CPU
	 * @param memoryBytes memory used
	 * @param memoryLimitBytes its limit, null if unknown
	 * @param memoryPercent used of the limit in percent, null without a limit
	 * @param networkTxBytes bytes sent since it started, null without a network of its
	 * own
	 * @param sampledAt when the agent read the sample
	 */
	record Container(String jobId, int runNumber, int index, String agentId, String containerId, String name,
			double cpuPercent, long memoryBytes, Long memoryLimitBytes, Double memoryPercent, Long networkTxBytes,
			Instant sampledAt) {

		static Container of(ContainerSample sample) {
			return new Container(sample.jobId(), sample.runNumber(), sample.index(), sample.agentId(),
					sample.containerId(), sample.name(), sample.stats().cpuPercent(), sample.stats().memoryBytes(),
					sample.stats().memoryLimitBytes(), sample.memoryPercent(), sample.stats().networkTxBytes(),
					sample.stats().sampledAt());
		}

	}

}
