package dev.dcf.agent.health;

import dev.dcf.agent.runtime.ContainerSummary;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * Which containers count against {@code max-containers}: those that hold resources, i.e.
 * everything that has not exited.
 */
public final class ActiveContainers {

	private ActiveContainers() {
	}

	public static boolean isActive(ManagedContainer container) {
		return isActive(container.state());
	}

	public static boolean isActive(ContainerSummary container) {
		return isActive(container.state());
	}

	private static boolean isActive(ContainerStatus state) {
		return switch (state) {
			case EXITED, DEAD, REMOVING -> false;
			default -> true;
		};
	}

}
