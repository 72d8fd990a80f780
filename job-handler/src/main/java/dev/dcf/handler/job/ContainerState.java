package dev.dcf.handler.job;

/**
 * What the agent last saw of a container (the domain twin of the wire enum; mapped at the
 * messaging edge). {@code UNKNOWN} stands for anything newer or unrecognised.
 */
public enum ContainerState {

	UNKNOWN, CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, REMOVED;

	/**
	 * Whether the container no longer runs.
	 * @return {@code true} for EXITED, DEAD and REMOVED
	 */
	public boolean isFinished() {
		return this == EXITED || this == DEAD || this == REMOVED;
	}

}
