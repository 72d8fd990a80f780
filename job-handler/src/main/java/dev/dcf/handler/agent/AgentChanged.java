package dev.dcf.handler.agent;

import java.time.Instant;

/**
 * Domain event: an agent's record changed (a heartbeat was applied, or it was declared
 * lost). Published when the agent is saved.
 *
 * @param agentId the agent
 * @param previous its status before; {@code null} for a new agent
 * @param status its status now
 * @param at when the handler applied the change
 */
public record AgentChanged(String agentId, AgentState previous, AgentState status, Instant at) {

	/**
	 * Whether the status changed.
	 * @return {@code true} if the status differs from before (or the agent is new)
	 */
	public boolean statusChanged() {
		return this.previous != this.status;
	}

}
