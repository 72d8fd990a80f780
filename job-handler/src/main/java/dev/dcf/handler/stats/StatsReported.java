package dev.dcf.handler.stats;

import java.util.Set;

/**
 * Domain event: an agent's samples were replaced by its newest heartbeat, or dropped.
 *
 * @param agentId the agent
 * @param jobIds the jobs whose samples changed (also those that have none any more)
 */
public record StatsReported(String agentId, Set<String> jobIds) {

	public StatsReported {
		jobIds = Set.copyOf(jobIds);
	}

}
