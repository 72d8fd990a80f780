package dev.dcf.agent.runtime.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;

import dev.dcf.agent.runtime.ContainerStats;

/**
 * Docker's stats answer to a {@link ContainerStats}, with the Docker CLI's formulas
 * ({@code docker stats}): CPU % from the difference to the previous reading the answer
 * carries, memory without the inactive file cache. Pure.
 */
final class DockerStats {

	private DockerStats() {
	}

	/**
	 * The sample, or null if the answer has no memory reading (container not running).
	 */
	static ContainerStats of(Statistics statistics, Instant sampledAt) {
		MemoryStatsConfig memory = statistics.getMemoryStats();
		if (memory == null || memory.getUsage() == null) {
			return null;
		}
		return new ContainerStats(cpuPercent(statistics.getCpuStats(), statistics.getPreCpuStats()), memoryUsed(memory),
				memory.getLimit(), networkTx(statistics.getNetworks()), sampledAt);
	}

	/**
	 * Container CPU time over host CPU time between the two readings, times the online
	 * CPUs: 100 per fully used CPU. 0 without a previous reading.
	 */
	static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
		if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
				|| value(before.getSystemCpuUsage()) == 0) {
			return 0.0;
		}
		double cpuDelta = value(now.getCpuUsage().getTotalUsage()) - value(before.getCpuUsage().getTotalUsage());
		double systemDelta = value(now.getSystemCpuUsage()) - value(before.getSystemCpuUsage());
		double cpus = value(now.getOnlineCpus());
		if (cpus == 0.0) {
			List<Long> perCpu = now.getCpuUsage().getPercpuUsage();
			cpus = (perCpu != null) ? perCpu.size() : 0;
		}
		if (systemDelta <= 0.0 || cpuDelta <= 0.0) {
			return 0.0;
		}
		return cpuDelta / systemDelta * cpus * 100.0;
	}

	/**
	 * Usage minus the inactive file cache, which the kernel drops before it OOM-kills:
	 * {@code total_inactive_file} on cgroup v1, {@code inactive_file} on v2.
	 */
	static long memoryUsed(MemoryStatsConfig memory) {
		long usage = memory.getUsage();
		StatsConfig details = memory.getStats();
		if (details != null) {
			Long v1 = details.getTotalInactiveFile();
			if (v1 != null && v1 < usage) {
				return usage - v1;
			}
			Long v2 = details.getInactiveFile();
			if (v2 != null && v2 < usage) {
				return usage - v2;
			}
		}
		return usage;
	}

	/** Sum over all interfaces, null if there are none (host network). */
	static Long networkTx(Map<String, StatisticNetworksConfig> networks) {
		if (networks == null || networks.isEmpty()) {
			return null;
		}
		long sum = 0;
		for (StatisticNetworksConfig network : networks.values()) {
			sum += value(network.getTxBytes());
		}
		return sum;
	}

	private static long value(Long value) {
		return (value != null) ? value : 0L;
	}

}
