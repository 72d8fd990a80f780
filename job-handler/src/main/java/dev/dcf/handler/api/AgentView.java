package dev.dcf.handler.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentState;

/**
 * An agent as the API shows it.
 */
record AgentView(String id, String hostname, String version, String dockerVersion, AgentState status,
		Instant statusChangedAt, Map<String, String> labels, List<AgentCheck> checks, AgentCapacity capacity,
		long heartbeatIntervalMillis, Instant lastHeartbeatAt, Instant firstSeenAt, boolean draining, boolean drainMove,
		Instant drainSince, String drainedBy) {

	static AgentView of(Agent agent) {
		return new AgentView(agent.getId(), agent.getHostname(), agent.getAgentVersion(), agent.getDockerVersion(),
				agent.getStatus(), agent.getStatusChangedAt(), Map.copyOf(agent.getLabels()),
				List.copyOf(agent.getChecks()), agent.getCapacity(), agent.getHeartbeatIntervalMillis(),
				agent.getLastHeartbeatAt(), agent.getFirstSeenAt(), agent.isDraining(), agent.isDrainMove(),
				agent.getDrainSince(), agent.getDrainedBy());
	}

}
