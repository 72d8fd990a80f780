package dev.dcf.agent.runtime.docker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * What inspecting a container said while it was settled (running, exited or dead), so
 * that a listing inspects only containers that are new or whose state changed: the
 * heartbeats list every container every few seconds, and an inspect per container and
 * heartbeat is load on the daemon that grows with the containers. Sound because nothing
 * an inspect says changes while the state stays the same: containers run without a Docker
 * restart policy (the agent restarts a container by creating it anew), and an event about
 * a container (start, die, oom, destroy) or its removal by the agent forgets it. Bounded;
 * thread-safe.
 */
final class SettledContainers {

	static final int MAX = 10_000;

	private final Map<String, ManagedContainer> byId = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, ManagedContainer> eldest) {
			return size() > MAX;
		}

	};

	/** What an inspect said, if the container is still in the state a listing shows. */
	synchronized Optional<ManagedContainer> known(String id, ContainerStatus listed) {
		ManagedContainer known = this.byId.get(id);
		return (known != null && known.state() == listed) ? Optional.of(known) : Optional.empty();
	}

	/** Keeps what an inspect said if the container is settled, else forgets it. */
	synchronized void inspected(ManagedContainer container) {
		if (settled(container.state())) {
			this.byId.put(container.id(), container);
		}
		else {
			this.byId.remove(container.id());
		}
	}

	/** Something happened to the container (by id or name). */
	synchronized void forget(String idOrName) {
		if (idOrName != null && this.byId.remove(idOrName) == null) {
			this.byId.values().removeIf((container) -> idOrName.equals(container.name()));
		}
	}

	synchronized int size() {
		return this.byId.size();
	}

	private static boolean settled(ContainerStatus state) {
		return state == ContainerStatus.RUNNING || state == ContainerStatus.EXITED || state == ContainerStatus.DEAD;
	}

}
