package dev.dcf.handler.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.stats.ContainerSample;

/**
 * An agent as the API shows it, with the newest resource samples of the containers it
 * runs ({@code stats}).
 */
record AgentView(String id, String hostname, String version, String dockerVersion, AgentState status,
		Instant statusChangedAt, Map<String, String> labels, List<AgentCheck> checks, AgentCapacity capacity,
		long heartbeatIntervalMillis, Instant lastHeartbeatAt, Instant firstSeenAt, boolean draining, boolean drainMove,
		Instant drainSince, String drainedBy, StatsView stats) {

	static AgentView of(Agent agent, List<ContainerSample> samples) {
		return new AgentView(agent.getId(), agent.getHostname(), agent.getAgentVersion(), agent.getDockerVersion(),
				agent.getStatus(), agent.getStatusChangedAt(), Map.copyOf(agent.getLabels()),
				List.copyOf(agent.getChecks()), agent.getCapacity(), agent.getHeartbeatIntervalMillis(),
				agent.getLastHeartbeatAt(), agent.getFirstSeenAt(), agent.isDraining(), agent.isDrainMove(),
				agent.getDrainSince(), agent.getDrainedBy(), StatsView.of(samples));
	}

}
