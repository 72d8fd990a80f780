package dev.dcf.handler.web;

import dev.dcf.handler.stats.ContainerStatsService;

import org.springframework.stereotype.Component;

/**
 * What fragments/stats.html reads ({@code @statsCards}): the container stats of a job or
 * an agent, newest samples, formatted.
 */
@Component("statsCards")
public class StatsCards {

	private final ContainerStatsService stats;

	private final Formats fmt;

	StatsCards(ContainerStatsService stats, Formats fmt) {
		this.stats = stats;
		this.fmt = fmt;
	}

	/**
	 * @param jobId a job
	 * @return its running containers' stats
	 */
	public StatsCard job(String jobId) {
		return StatsCard.of(this.stats.forJob(jobId), this.fmt);
	}

	/**
	 * @param agentId an agent
	 * @return the stats of the containers it runs, with totals
	 */
	public StatsCard agent(String agentId) {
		return StatsCard.of(this.stats.forAgent(agentId), this.fmt);
	}

}
