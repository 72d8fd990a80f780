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
 * @param imageDigest the image it was created from, exactly: a repo digest
 * ({@code name@sha256:...}) if the image came from a registry, else the image id
 * ({@code sha256:...}, e.g. an image built locally); null if unknown
 */
public record ManagedContainer(String id, String name, String image, Map<String, String> labels, ContainerStatus state,
		Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt, String imageDigest) {

	public ManagedContainer {
		labels = Map.copyOf(labels == null ? Map.of() : labels);
	}

	/** Without an image digest (runtimes and tests that do not know it). */
	public ManagedContainer(String id, String name, String image, Map<String, String> labels, ContainerStatus state,
			Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt) {
		this(id, name, image, labels, state, exitCode, oomKilled, startedAt, finishedAt, null);
	}

	/**
	 * The same container with another image digest.
	 * @param digest the digest
	 * @return a copy
	 */
	public ManagedContainer withImageDigest(String digest) {
		return new ManagedContainer(this.id, this.name, this.image, this.labels, this.state, this.exitCode,
				this.oomKilled, this.startedAt, this.finishedAt, digest);
	}

	/** Our view of Docker's container states. */
	public enum ContainerStatus {

		CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, REMOVING, UNKNOWN

	}

}
