package dev.dcf.handler.live;

import dev.dcf.handler.agent.AgentChanged;

/**
 * What browsers receive about an agent: a heartbeat was applied or it was declared lost.
 *
 * @param agentId the agent
 * @param previous its status before, {@code null} for a new agent
 * @param status its status now
 * @param at when the handler applied the change (ISO-8601, UTC)
 */
record AgentUpdate(String agentId, String previous, String status, String at) {

	static AgentUpdate of(AgentChanged event) {
		return new AgentUpdate(event.agentId(), (event.previous() != null) ? event.previous().name() : null,
				event.status().name(), (event.at() != null) ? event.at().toString() : null);
	}

}
