package dev.dcf.agent.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * One resource sample of a running container, computed as {@code docker stats} does.
 *
 * @param cpuPercent CPU use between two daemon readings, in percent of one CPU (200 = two
 * CPUs busy)
 * @param memoryBytes memory used: usage minus the inactive file cache
 * @param memoryLimitBytes its memory limit (the host's memory if it has none), null if
 * unknown
 * @param networkTxBytes bytes sent over all its interfaces since it started, null if it
 * has no interface of its own (host network)
 * @param sampledAt when the sample was read
 */
public record ContainerStats(double cpuPercent, long memoryBytes, Long memoryLimitBytes, Long networkTxBytes,
		Instant sampledAt) {

	public ContainerStats {
		Objects.requireNonNull(sampledAt, "sampledAt");
	}

}
