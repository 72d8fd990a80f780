package dev.dcf.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * Something happened to a watched container.
 *
 * @param type what happened
 * @param containerId full id
 * @param name container name
 * @param labels the container's labels (from the event's attributes)
 * @param exitCode for {@link Type#DIED}: the exit code, else null
 * @param time when the daemon saw it
 */
public record ContainerEvent(Type type, String containerId, String name, Map<String, String> labels, Integer exitCode,
		Instant time) {

	public ContainerEvent {
		labels = Map.copyOf(labels == null ? Map.of() : labels);
	}

	public enum Type {

		STARTED, DIED, OOM_KILLED, DESTROYED

	}

}
