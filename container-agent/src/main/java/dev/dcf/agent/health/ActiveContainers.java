package dev.dcf.agent.health;

import dev.dcf.agent.runtime.ManagedContainer;

/**
 * Which containers count against {@code max-containers}: those that hold resources, i.e.
 * everything that has not exited.
 */
public final class ActiveContainers {

	private ActiveContainers() {
	}

	public static boolean isActive(ManagedContainer container) {
		return switch (container.state()) {
			case EXITED, DEAD, REMOVING -> false;
			default -> true;
		};
	}

}
