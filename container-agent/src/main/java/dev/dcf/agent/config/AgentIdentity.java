package dev.dcf.agent.config;

import java.util.Map;
import java.util.Objects;

/**
 * Who this agent is, as it tells the handler.
 *
 * @param id stable agent id (survives restarts)
 * @param hostname host the agent runs on
 * @param version agent build version
 * @param labels placement labels
 */
public record AgentIdentity(String id, String hostname, String version, Map<String, String> labels) {

	public AgentIdentity {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(hostname, "hostname");
		Objects.requireNonNull(version, "version");
		labels = Map.copyOf(labels == null ? Map.of() : labels);
	}

	/** Every agent reads all instructions in its own group (docs/architecture.md). */
	public String consumerGroup() {
		return "dcf-agent-" + this.id;
	}

}
