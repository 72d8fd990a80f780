package dev.dcf.handler.status;

/**
 * Why an agent did not start a job (the cause it reports with START_FAILED).
 */
public enum StartFailure {

	/** A cause this handler does not know (a newer agent): a failure of the job. */
	UNKNOWN,

	/** The agent is unhealthy: the job may run on another agent. */
	AGENT_UNHEALTHY,

	/** The agent has no room left (a race with placement): the job may run elsewhere. */
	NO_CAPACITY,

	/** The instruction could not be carried out as given. */
	INVALID_INSTRUCTION,

	/** A newer run of the job already has containers on the agent. */
	STALE_INSTRUCTION,

	/** The image is not on the agent's allow-list. */
	IMAGE_NOT_ALLOWED,

	/** The image is neither on the agent nor could it be pulled. */
	IMAGE_UNAVAILABLE,

	/** The agent's container runtime failed. */
	RUNTIME_ERROR;

	/**
	 * Whether this is a refusal of one agent that another agent does not share, rather
	 * than a failure of the job itself.
	 * @return {@code true} if the job may be placed elsewhere
	 */
	public boolean passing() {
		return this == AGENT_UNHEALTHY || this == NO_CAPACITY;
	}

}
