package dev.dcf.handler.status;

/**
 * Why an agent removed a run's containers (domain twin of the wire enum).
 */
public enum RemovalCause {

	/** A cause this handler does not know (a newer agent), or none given. */
	UNKNOWN,

	/** Asked for by a DELETE. */
	REQUESTED,

	/**
	 * The run's duration plus the agent's grace passed: the agent removed them itself.
	 */
	DEADLINE,

	/** The agent was cut off from Kafka for longer than its stop-after-disconnect. */
	SELF_FENCED,

	/** The agent removes its containers when it shuts down (standalone). */
	AGENT_SHUTDOWN

}
