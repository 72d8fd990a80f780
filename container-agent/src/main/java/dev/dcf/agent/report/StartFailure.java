package dev.dcf.agent.report;

/**
 * Why a CREATE did not start, for the handler to act on without reading the reason text.
 * Only the first two are refusals of this agent that another agent (or a later try) may
 * not meet; the others are failures of the job itself.
 */
public enum StartFailure {

	/** A health check of this agent fails (the daemon, disk, memory). */
	AGENT_UNHEALTHY,

	/** This agent has no room for the job's containers (a race with placement). */
	NO_CAPACITY,

	/** The instruction cannot be carried out as given (no image, bad counts). */
	INVALID_INSTRUCTION,

	/** A newer run of the job already has containers here. */
	STALE_INSTRUCTION,

	/** The image is not on this agent's allow-list. */
	IMAGE_NOT_ALLOWED,

	/** The image is neither present nor could it be pulled. */
	IMAGE_UNAVAILABLE,

	/** The daemon failed to list, create or start containers. */
	RUNTIME_ERROR

}
