package dev.dcf.handler.agent;

/**
 * What {@link AgentService#recordHeartbeat} did.
 *
 * @param applied {@code false} if the heartbeat was stale and ignored
 * @param previous the agent's status before; {@code null} for a new agent
 * @param current the agent's status now
 */
public record HeartbeatResult(boolean applied, AgentState previous, AgentState current) {

	/**
	 * Whether a LOST agent has come back with this heartbeat: its containers must be
	 * reconciled.
	 * @return {@code true} if the agent was LOST and is not any more
	 */
	public boolean returnedFromLost() {
		return this.applied && this.previous == AgentState.LOST && this.current != AgentState.LOST;
	}

	/**
	 * Whether the agent was unknown before this heartbeat.
	 * @return {@code true} for a first heartbeat
	 */
	public boolean isNewAgent() {
		return this.applied && this.previous == null;
	}

}
