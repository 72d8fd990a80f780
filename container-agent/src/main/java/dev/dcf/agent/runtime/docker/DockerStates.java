package dev.dcf.agent.runtime.docker;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Event;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * Pure functions from Docker's view of a container to ours. No I/O, no clock: a "now" is
 * passed in where one is needed.
 */
final class DockerStates {

	/** Docker's zero time: a container that never started or never finished. */
	static final String NEVER = "0001-01-01T00:00:00Z";

	/** Event attributes that describe the event, not the container's labels. */
	private static final Set<String> NON_LABEL_ATTRIBUTES = Set.of("name", "image", "exitCode", "signal");

	private DockerStates() {
	}

	/** Docker's state string ({@code running}, {@code exited}, ...) to ours. */
	static ContainerStatus status(String dockerState) {
		if (dockerState == null) {
			return ContainerStatus.UNKNOWN;
		}
		return switch (dockerState.toLowerCase(Locale.ROOT)) {
			case "created" -> ContainerStatus.CREATED;
			case "running" -> ContainerStatus.RUNNING;
			case "paused" -> ContainerStatus.PAUSED;
			case "restarting" -> ContainerStatus.RESTARTING;
			case "exited" -> ContainerStatus.EXITED;
			case "dead" -> ContainerStatus.DEAD;
			case "removing" -> ContainerStatus.REMOVING;
			default -> ContainerStatus.UNKNOWN;
		};
	}

	/**
	 * The state, preferring Docker's status string and falling back to the flags older
	 * daemons send.
	 */
	static ContainerStatus status(ContainerState state) {
		if (state == null) {
			return ContainerStatus.UNKNOWN;
		}
		ContainerStatus byName = status(state.getStatus());
		if (byName != ContainerStatus.UNKNOWN) {
			return byName;
		}
		if (Boolean.TRUE.equals(state.getDead())) {
			return ContainerStatus.DEAD;
		}
		if (Boolean.TRUE.equals(state.getRestarting())) {
			return ContainerStatus.RESTARTING;
		}
		if (Boolean.TRUE.equals(state.getPaused())) {
			return ContainerStatus.PAUSED;
		}
		if (Boolean.TRUE.equals(state.getRunning())) {
			return ContainerStatus.RUNNING;
		}
		return ContainerStatus.UNKNOWN;
	}

	/**
	 * The exit code, but only for a container that has exited: Docker reports 0 for
	 * containers that are running or never ran.
	 */
	static Integer exitCode(ContainerStatus status, Long dockerExitCode) {
		if (dockerExitCode == null || (status != ContainerStatus.EXITED && status != ContainerStatus.DEAD)) {
			return null;
		}
		return Math.toIntExact(dockerExitCode);
	}

	/** An RFC 3339 time from Docker; null for absent, Docker's zero time, or garbage. */
	static Instant time(String iso) {
		if (iso == null || iso.isBlank() || iso.startsWith("0001-01-01")) {
			return null;
		}
		try {
			return Instant.parse(iso);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Strips the leading slash Docker puts in front of container names. */
	static String name(String dockerName) {
		if (dockerName == null) {
			return null;
		}
		return dockerName.startsWith("/") ? dockerName.substring(1) : dockerName;
	}

	/** The whole container as the port sees it, from one inspect response. */
	static ManagedContainer container(InspectContainerResponse inspected) {
		ContainerState state = inspected.getState();
		ContainerStatus status = status(state);
		ContainerConfig config = inspected.getConfig();
		return new ManagedContainer(inspected.getId(), name(inspected.getName()),
				(config != null) ? config.getImage() : null, (config != null) ? config.getLabels() : Map.of(), status,
				(state != null) ? exitCode(status, state.getExitCodeLong()) : null,
				state != null && Boolean.TRUE.equals(state.getOOMKilled()),
				(state != null) ? time(state.getStartedAt()) : null,
				(state != null) ? time(state.getFinishedAt()) : null, inspected.getImageId());
	}

	/** A container event action to ours; empty for actions we do not report. */
	static Optional<ContainerEvent.Type> eventType(String action) {
		if (action == null) {
			return Optional.empty();
		}
		return switch (action) {
			case "start" -> Optional.of(ContainerEvent.Type.STARTED);
			case "die" -> Optional.of(ContainerEvent.Type.DIED);
			case "oom" -> Optional.of(ContainerEvent.Type.OOM_KILLED);
			case "destroy" -> Optional.of(ContainerEvent.Type.DESTROYED);
			default -> Optional.empty();
		};
	}

	/**
	 * A Docker event to ours; empty for events we do not report.
	 * @param event as the daemon sent it
	 * @param now the time to use if the event carries none
	 */
	static Optional<ContainerEvent> event(Event event, Instant now) {
		String action = (event.getAction() != null) ? event.getAction() : event.getStatus();
		Optional<ContainerEvent.Type> type = eventType(action);
		if (type.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> attributes = (event.getActor() != null && event.getActor().getAttributes() != null)
				? event.getActor().getAttributes() : Map.of();
		String id = (event.getActor() != null && event.getActor().getId() != null) ? event.getActor().getId()
				: event.getId();
		Map<String, String> labels = new HashMap<>(attributes);
		labels.keySet().removeAll(NON_LABEL_ATTRIBUTES);
		Integer exitCode = (type.get() == ContainerEvent.Type.DIED) ? parseInt(attributes.get("exitCode")) : null;
		return Optional.of(new ContainerEvent(type.get(), id, attributes.get("name"), labels, exitCode,
				eventTime(event.getTimeNano(), event.getTime(), now)));
	}

	/** Docker sends the time as nanoseconds and as seconds since the epoch. */
	static Instant eventTime(Long timeNano, Long timeSeconds, Instant now) {
		if (timeNano != null && timeNano > 0) {
			return Instant.ofEpochSecond(0, timeNano);
		}
		if (timeSeconds != null && timeSeconds > 0) {
			return Instant.ofEpochSecond(timeSeconds);
		}
		return now;
	}

	private static Integer parseInt(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
