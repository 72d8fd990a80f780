package dev.dcf.agent.runtime;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the runtime sees it.
 *
 * @param id full container id
 * @param name name without the leading slash
 * @param image image reference it was created from
 * @param labels its labels
 * @param state mapped state
 * @param exitCode exit code once exited, else null
 * @param oomKilled whether the kernel OOM-killed it
 * @param startedAt when it last started, or null
 * @param finishedAt when it last finished, or null
 */
public record ManagedContainer(String id, String name, String image, Map<String, String> labels, ContainerStatus state,
		Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt) {

	public ManagedContainer {
		labels = Map.copyOf(labels == null ? Map.of() : labels);
	}

	/** Our view of Docker's container states. */
	public enum ContainerStatus {

		CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, REMOVING, UNKNOWN

	}

}
