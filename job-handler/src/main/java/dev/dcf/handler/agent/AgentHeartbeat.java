package dev.dcf.handler.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One heartbeat of an agent, as a domain record (the messaging edge maps the wire record
 * to it).
 *
 * @param agentId the agent
 * @param sequence increasing per agent, also across agent restarts
 * @param sentAt when the agent sent it (its clock)
 * @param health HEALTHY, UNHEALTHY or STOPPING as the agent sees itself (never LOST)
 * @param checks results of its health checks
 * @param capacity what its host offers
 * @param labels its labels, for placement
 * @param hostname its host
 * @param version the agent's version
 * @param dockerVersion the Docker daemon's version, if known
 * @param heartbeatInterval how often it heartbeats
 * @param containers the containers it manages (started)
 * @param foreign the other DCF containers on its Docker daemon
 * @param publicKey the key secret env values are sealed for (base64 of its X.509
 * encoding), {@code null} from agents older than secrets
 */
public record AgentHeartbeat(String agentId, long sequence, Instant sentAt, AgentState health, List<AgentCheck> checks,
		AgentCapacity capacity, Map<String, String> labels, String hostname, String version, String dockerVersion,
		Duration heartbeatInterval, List<ReportedContainer> containers, List<ForeignContainer> foreign,
		String publicKey) {

	/**
	 * A heartbeat without a public key (agents older than secrets).
	 */
	public AgentHeartbeat(String agentId, long sequence, Instant sentAt, AgentState health, List<AgentCheck> checks,
			AgentCapacity capacity, Map<String, String> labels, String hostname, String version, String dockerVersion,
			Duration heartbeatInterval, List<ReportedContainer> containers, List<ForeignContainer> foreign) {
		this(agentId, sequence, sentAt, health, checks, capacity, labels, hostname, version, dockerVersion,
				heartbeatInterval, containers, foreign, null);
	}

	/**
	 * A heartbeat that lists no other agents' containers.
	 */
	public AgentHeartbeat(String agentId, long sequence, Instant sentAt, AgentState health, List<AgentCheck> checks,
			AgentCapacity capacity, Map<String, String> labels, String hostname, String version, String dockerVersion,
			Duration heartbeatInterval, List<ReportedContainer> containers) {
		this(agentId, sequence, sentAt, health, checks, capacity, labels, hostname, version, dockerVersion,
				heartbeatInterval, containers, List.of());
	}

	public AgentHeartbeat {
		Objects.requireNonNull(agentId, "agentId");
		Objects.requireNonNull(health, "health");
		Objects.requireNonNull(capacity, "capacity");
		if (health == AgentState.LOST) {
			throw new IllegalArgumentException("An agent cannot report itself LOST");
		}
		checks = (checks != null) ? List.copyOf(checks) : List.of();
		labels = (labels != null) ? Map.copyOf(labels) : Map.of();
		containers = (containers != null) ? List.copyOf(containers) : List.of();
		foreign = (foreign != null) ? List.copyOf(foreign) : List.of();
	}

}
