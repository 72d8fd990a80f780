package dev.dcf.handler.stats;

import dev.dcf.handler.agent.ContainerStats;

/**
 * The newest resource sample of one running container.
 *
 * @param agentId the agent that runs it
 * @param jobId its job
 * @param runNumber the run that started it
 * @param index its 0-based index within the job
 * @param containerId Docker's id
 * @param name its name
 * @param stats the sample
 */
public record ContainerSample(String agentId, String jobId, int runNumber, int index, String containerId, String name,
		ContainerStats stats) {

	/**
	 * Memory used as a share of the limit.
	 * @return 0..100 (more if the limit was passed), {@code null} without a limit
	 */
	public Double memoryPercent() {
		Long limit = this.stats.memoryLimitBytes();
		return (limit != null && limit > 0) ? 100.0 * this.stats.memoryBytes() / limit : null;
	}

}
