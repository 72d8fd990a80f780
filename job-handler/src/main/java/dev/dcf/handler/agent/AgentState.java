package dev.dcf.handler.agent;

/**
 * How the handler sees an agent.
 */
public enum AgentState {

	/** Heartbeating, all checks pass: may receive jobs. */
	HEALTHY,

	/** Heartbeating, some check fails: receives no new jobs. */
	UNHEALTHY,

	/** Said it is shutting down. */
	STOPPING,

	/** Silent for longer than the timeout. */
	LOST

}
