package dev.dcf.handler.agent;

import java.time.Instant;

/**
 * One resource sample of a running container, as its agent reported it (computed like
 * {@code docker stats}).
 *
 * @param cpuPercent CPU use in percent of one CPU (200 = two CPUs busy)
 * @param memoryBytes memory used (without the inactive file cache)
 * @param memoryLimitBytes its memory limit, {@code null} if unknown
 * @param networkTxBytes bytes sent since it started, {@code null} if it has no network of
 * its own (host network)
 * @param sampledAt when the agent read it (the agent's clock)
 */
public record ContainerStats(double cpuPercent, long memoryBytes, Long memoryLimitBytes, Long networkTxBytes,
		Instant sampledAt) {

}
