package dev.dcf.agent.runtime.docker;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * Creating a container by its name, idempotently: a container that holds the name is the
 * one asked for (a repeated instruction) — unless it is on its way out. An earlier run's
 * container being removed (its removal racing this create, as when a job moves between
 * two agents on one daemon) keeps the name until the daemon is done; Docker then answers
 * "name in use" and, a moment later, "no such container". The create is tried again while
 * the name's holder is gone or REMOVING, at most {@link #ATTEMPTS} times.
 */
final class NamedCreate {

	/** Creates tried while the name is held by a container on its way out. */
	static final int ATTEMPTS = 5;

	private NamedCreate() {
	}

	/**
	 * @param name the container's name
	 * @param create creates it; the new id, or null if the name is taken
	 * @param inspect the container that holds a name, if any
	 * @param pause waits a moment before the next try
	 * @return the new container's id, or the container that holds the name
	 * @throws ContainerRuntimeException REJECTED when the name stays taken by a container
	 * on its way out
	 */
	static Outcome create(String name, Supplier<String> create, Function<String, Optional<ManagedContainer>> inspect,
			Runnable pause) {
		for (int attempt = 1;; attempt++) {
			String id = create.get();
			if (id != null) {
				return new Outcome(id, null);
			}
			Optional<ManagedContainer> holder = inspect.apply(name);
			if (holder.isPresent() && holder.get().state() != ContainerStatus.REMOVING) {
				return new Outcome(null, holder.get());
			}
			if (attempt == ATTEMPTS) {
				throw new ContainerRuntimeException(Kind.REJECTED, "container name " + name
						+ " was taken, but no container of that name exists any more (tried " + ATTEMPTS + " times)");
			}
			pause.run();
		}
	}

	/**
	 * @param createdId the id of the container just created, or null
	 * @param existing the container that held the name, when none was created
	 */
	record Outcome(String createdId, ManagedContainer existing) {
	}

}
