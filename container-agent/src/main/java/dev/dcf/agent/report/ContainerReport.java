package dev.dcf.agent.report;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * One managed container as the agent reports it: the runtime's view plus what its labels
 * say about the job.
 *
 * @param jobId from label {@code dcf.job-id}
 * @param runNumber from label {@code dcf.run} (0 if missing)
 * @param index from label {@code dcf.container-index} (-1 if missing)
 * @param containerId full id
 * @param name container name
 * @param state reported state
 * @param exitCode exit code once exited, else null
 * @param oomKilled whether the kernel OOM-killed it
 * @param startedAt last start, or null
 * @param finishedAt last exit, or null
 * @param agentId from label {@code dcf.agent-id}: the agent that started it ("" if
 * missing); may be another agent than the reporting one (heartbeats list every managed
 * container on the daemon)
 * @param deadline from label {@code dcf.deadline}: when the agent removes it by itself,
 * null = never
 * @param imageDigest the image it was created from (repo digest, else image id), null if
 * unknown
 * @param stats its newest resource sample, null if none (heartbeats only)
 */
public record ContainerReport(String jobId, int runNumber, int index, String containerId, String name, State state,
		Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt, String agentId, Instant deadline,
		String imageDigest, ContainerStats stats) {

	public ContainerReport {
		agentId = (agentId != null) ? agentId : "";
	}

	/** Without stats. */
	public ContainerReport(String jobId, int runNumber, int index, String containerId, String name, State state,
			Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt, String agentId,
			Instant deadline, String imageDigest) {
		this(jobId, runNumber, index, containerId, name, state, exitCode, oomKilled, startedAt, finishedAt, agentId,
				deadline, imageDigest, null);
	}

	/** Without image digest. */
	public ContainerReport(String jobId, int runNumber, int index, String containerId, String name, State state,
			Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt, String agentId,
			Instant deadline) {
		this(jobId, runNumber, index, containerId, name, state, exitCode, oomKilled, startedAt, finishedAt, agentId,
				deadline, null);
	}

	/** Without agent and deadline (tests, reports that do not know them). */
	public ContainerReport(String jobId, int runNumber, int index, String containerId, String name, State state,
			Integer exitCode, boolean oomKilled, Instant startedAt, Instant finishedAt) {
		this(jobId, runNumber, index, containerId, name, state, exitCode, oomKilled, startedAt, finishedAt, "", null);
	}

	/** Reported states; {@link #REMOVED} is what a DELETE leaves. */
	public enum State {

		UNKNOWN, CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, REMOVED

	}

	/** Reads a container the runtime returned. */
	public static ContainerReport of(ManagedContainer container) {
		return new ContainerReport(container.labels().getOrDefault(ManagedLabels.JOB_ID, ""),
				intLabel(container, ManagedLabels.RUN, 0), intLabel(container, ManagedLabels.CONTAINER_INDEX, -1),
				container.id(), container.name(), stateOf(container.state()), container.exitCode(),
				container.oomKilled(), realInstant(container.startedAt()), realInstant(container.finishedAt()),
				container.labels().getOrDefault(ManagedLabels.AGENT_ID, ""), deadlineOf(container).orElse(null),
				container.imageDigest());
	}

	/** The container's job (label {@code dcf.job-id}, "" if missing). */
	public static String jobIdOf(ManagedContainer container) {
		return container.labels().getOrDefault(ManagedLabels.JOB_ID, "");
	}

	/**
	 * The container's deadline label, if it has a readable one (an unreadable one is no
	 * deadline: the agent never removes a container on a guess).
	 */
	public static Optional<Instant> deadlineOf(ManagedContainer container) {
		String value = container.labels().get(ManagedLabels.DEADLINE);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Instant.parse(value.trim()));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/** The same container after the agent removed it (no stats: nothing runs). */
	public ContainerReport removed() {
		return new ContainerReport(this.jobId, this.runNumber, this.index, this.containerId, this.name, State.REMOVED,
				this.exitCode, this.oomKilled, this.startedAt, this.finishedAt, this.agentId, this.deadline,
				this.imageDigest);
	}

	/** The same container with a resource sample. */
	public ContainerReport withStats(ContainerStats sample) {
		return new ContainerReport(this.jobId, this.runNumber, this.index, this.containerId, this.name, this.state,
				this.exitCode, this.oomKilled, this.startedAt, this.finishedAt, this.agentId, this.deadline,
				this.imageDigest, sample);
	}

	static State stateOf(ContainerStatus status) {
		if (status == null) {
			return State.UNKNOWN;
		}
		return switch (status) {
			case CREATED -> State.CREATED;
			case RUNNING -> State.RUNNING;
			case PAUSED -> State.PAUSED;
			case RESTARTING -> State.RESTARTING;
			case EXITED -> State.EXITED;
			case DEAD -> State.DEAD;
			// being removed is as good as gone for anyone reading the report
			case REMOVING -> State.REMOVED;
			case UNKNOWN -> State.UNKNOWN;
		};
	}

	static int intLabel(ManagedContainer container, String label, int fallback) {
		String value = container.labels().get(label);
		if (value == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/** Docker reports "never" as year 1; that is no instant worth reporting. */
	private static Instant realInstant(Instant instant) {
		return (instant == null || instant.isBefore(Instant.EPOCH)) ? null : instant;
	}

}
