package dev.dcf.handler.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Test fixtures for agents.
 */
public final class TestAgents {

	private TestAgents() {
	}

	/**
	 * An agent registered from its first heartbeat.
	 * @param heartbeat the heartbeat
	 * @param receivedAt when it arrived
	 * @return the agent
	 */
	public static Agent agent(AgentHeartbeat heartbeat, Instant receivedAt) {
		return new Agent(heartbeat, receivedAt);
	}

	/**
	 * A healthy heartbeat.
	 * @param agentId the agent
	 * @param sequence its sequence
	 * @param sentAt when sent
	 * @return the heartbeat
	 */
	public static AgentHeartbeat healthy(String agentId, long sequence, Instant sentAt) {
		return heartbeat(agentId, sequence, sentAt, AgentState.HEALTHY, List.of(new AgentCheck("docker", true, null)));
	}

	public static AgentHeartbeat heartbeat(String agentId, long sequence, Instant sentAt, AgentState health,
			List<AgentCheck> checks) {
		return new AgentHeartbeat(agentId, sequence, sentAt, health, checks,
				new AgentCapacity(4, 8L << 30, 6L << 30, 100L << 30, 0, 20), Map.of("zone", "eu"), "host-" + agentId,
				"0.1.0", "20.10.24", Duration.ofSeconds(5), List.of());
	}

}
