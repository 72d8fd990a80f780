package dev.dcf.handler.stats;

import java.util.List;

/**
 * Sums over several containers' samples.
 *
 * @param containers how many samples
 * @param cpuPercent CPU % summed (100 per fully used CPU)
 * @param memoryBytes memory used, summed
 * @param memoryLimitBytes limits summed, {@code null} if a container's limit is unknown
 * @param networkTxBytes bytes sent summed over the containers that have a network of
 * their own, {@code null} if none has
 */
public record StatsTotals(int containers, double cpuPercent, long memoryBytes, Long memoryLimitBytes,
		Long networkTxBytes) {

	/**
	 * @param samples the samples
	 * @return their sums
	 */
	public static StatsTotals of(List<ContainerSample> samples) {
		double cpu = 0;
		long memory = 0;
		Long limit = 0L;
		Long network = null;
		for (ContainerSample sample : samples) {
			cpu += sample.stats().cpuPercent();
			memory += sample.stats().memoryBytes();
			limit = (limit != null && sample.stats().memoryLimitBytes() != null)
					? limit + sample.stats().memoryLimitBytes() : null;
			if (sample.stats().networkTxBytes() != null) {
				network = ((network != null) ? network : 0L) + sample.stats().networkTxBytes();
			}
		}
		return new StatsTotals(samples.size(), cpu, memory, samples.isEmpty() ? null : limit, network);
	}

}
