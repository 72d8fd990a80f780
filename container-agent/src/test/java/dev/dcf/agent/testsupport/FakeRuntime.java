package dev.dcf.agent.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.runtime.RegistryCredentials;

/**
 * An in-memory {@link ContainerRuntime} following the port's contract (idempotent by
 * name, stop/remove of gone containers succeed), for unit tests of the agent's logic.
 * Integration tests use the real Docker adapter.
 */
public class FakeRuntime implements ContainerRuntime {

	public final Map<String, ManagedContainer> containers = new LinkedHashMap<>();

	public final Set<String> localImages = new HashSet<>();

	public final Set<String> pullableImages = new HashSet<>();

	public final List<String> pulls = new ArrayList<>();

	public final Map<String, Optional<RegistryCredentials>> pullCredentials = new LinkedHashMap<>();

	public final Set<String> failingNames = new HashSet<>();

	public final List<String> created = new ArrayList<>();

	public final List<ContainerSpec> specs = new ArrayList<>();

	public volatile boolean daemonDown;

	@Override
	public synchronized DaemonInfo info() {
		up();
		return new DaemonInfo("20.10.24", "1.41", 2, 8L << 30);
	}

	@Override
	public synchronized boolean imagePresent(String image) {
		up();
		return this.localImages.contains(image);
	}

	/** Failures the next pulls throw, one each, before pulls behave as usual. */
	public final Deque<ContainerRuntimeException> pullFailures = new ArrayDeque<>();

	/** The timeout each pull was given. */
	public final List<Duration> pullTimeouts = new ArrayList<>();

	/** What pulls tell their progress listener, if set. */
	public volatile PullBytes pullProgress;

	@Override
	public void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout,
			Consumer<PullBytes> progress) {
		if (this.pullProgress != null) {
			progress.accept(this.pullProgress);
		}
		pull(image, credentials, timeout);
	}

	@Override
	public synchronized void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout) {
		up();
		this.pulls.add(image);
		this.pullTimeouts.add(timeout);
		ContainerRuntimeException failure = this.pullFailures.poll();
		if (failure != null) {
			throw failure;
		}
		this.pullCredentials.put(image, credentials);
		if (!this.pullableImages.contains(image)) {
			throw new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND, "image " + image + " not found");
		}
		this.localImages.add(image);
	}

	@Override
	public synchronized ManagedContainer createAndStart(ContainerSpec spec) {
		up();
		ManagedContainer existing = this.containers.get(spec.name());
		if (existing != null) {
			return existing;
		}
		if (this.failingNames.contains(spec.name())) {
			throw new ContainerRuntimeException(Kind.REJECTED, "daemon refused " + spec.name());
		}
		if (!this.localImages.contains(spec.image())) {
			throw new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND, "no such image " + spec.image());
		}
		ManagedContainer container = new ManagedContainer(UUID.randomUUID().toString(), spec.name(), spec.image(),
				spec.labels(), ContainerStatus.RUNNING, null, false, Instant.parse("2026-01-01T00:00:00Z"), null);
		this.containers.put(spec.name(), container);
		this.created.add(spec.name());
		this.specs.add(spec);
		return container;
	}

	/** Puts a container there as if an earlier agent had started it. */
	public synchronized ManagedContainer add(String name, Map<String, String> labels, ContainerStatus state,
			Integer exitCode) {
		ManagedContainer container = new ManagedContainer(UUID.randomUUID().toString(), name, "dcf/gen:1", labels,
				state, exitCode, false, Instant.parse("2026-01-01T00:00:00Z"),
				(state == ContainerStatus.EXITED) ? Instant.parse("2026-01-01T00:01:00Z") : null);
		this.containers.put(name, container);
		return container;
	}

	@Override
	public synchronized void stop(String containerIdOrName, Duration timeout) {
		up();
		find(containerIdOrName).filter((c) -> c.state() == ContainerStatus.RUNNING)
			.ifPresent(
					(c) -> this.containers.put(c.name(), new ManagedContainer(c.id(), c.name(), c.image(), c.labels(),
							ContainerStatus.EXITED, 143, false, c.startedAt(), Instant.parse("2026-01-01T00:02:00Z"))));
	}

	/** What each container wrote, by name, for {@link #logsTail}. */
	public final Map<String, List<String>> logs = new LinkedHashMap<>();

	@Override
	public synchronized List<String> logsTail(String containerIdOrName, int lines, Duration timeout) {
		up();
		List<String> all = find(containerIdOrName).map((c) -> this.logs.getOrDefault(c.name(), List.<String>of()))
			.orElse(List.of());
		return all.subList(Math.max(0, all.size() - lines), all.size());
	}

	/** What each container wrote to stderr, by name, for {@link #stderrTail}. */
	public final Map<String, List<String>> stderr = new LinkedHashMap<>();

	@Override
	public synchronized List<String> stderrTail(String containerIdOrName, int lines, Duration timeout) {
		up();
		List<String> all = find(containerIdOrName).map((c) -> this.stderr.getOrDefault(c.name(), List.<String>of()))
			.orElse(List.of());
		return all.subList(Math.max(0, all.size() - lines), all.size());
	}

	/** The container stops by itself, as its process ended with {@code exitCode}. */
	public synchronized void exit(String name, int exitCode) {
		ManagedContainer c = this.containers.get(name);
		this.containers.put(name, new ManagedContainer(c.id(), c.name(), c.image(), c.labels(), ContainerStatus.EXITED,
				exitCode, false, c.startedAt(), Instant.parse("2026-01-01T00:00:03Z")));
	}

	@Override
	public synchronized void remove(String containerIdOrName) {
		up();
		find(containerIdOrName).ifPresent((c) -> this.containers.remove(c.name()));
	}

	@Override
	public synchronized Optional<ManagedContainer> inspect(String containerIdOrName) {
		up();
		return find(containerIdOrName);
	}

	@Override
	public synchronized List<ManagedContainer> list(String labelKey, String labelValue) {
		up();
		return this.containers.values().stream().filter((c) -> labelValue.equals(c.labels().get(labelKey))).toList();
	}

	@Override
	public Subscription watch(String labelKey, String labelValue, Consumer<ContainerEvent> listener,
			Consumer<Throwable> onError) {
		up();
		return () -> {
		};
	}

	private Optional<ManagedContainer> find(String idOrName) {
		ManagedContainer byName = this.containers.get(idOrName);
		if (byName != null) {
			return Optional.of(byName);
		}
		return this.containers.values().stream().filter((c) -> c.id().equals(idOrName)).findFirst();
	}

	private void up() {
		if (this.daemonDown) {
			throw new ContainerRuntimeException(Kind.DAEMON_UNAVAILABLE, "Docker daemon not reachable (fake)");
		}
	}

}
