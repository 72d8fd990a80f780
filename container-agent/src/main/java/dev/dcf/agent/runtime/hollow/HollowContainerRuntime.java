package dev.dcf.agent.runtime.hollow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.RegistryCredentials;

/**
 * A container engine simulated in memory, for scale tests and benchmarks (as Kubernetes'
 * kubemark "hollow nodes"): many agents in one JVM without Docker. Selected with
 * {@code dcf.agent.runtime=hollow}; never for production.
 *
 * <p>
 * What it simulates: every image is present and pulls succeed at once; a container runs
 * until it is stopped or removed, or, like {@code dcf-test/sleeper}, for {@code $SLEEP}
 * seconds and then exits with {@code $EXIT_CODE}; stop ends it with 143 (SIGTERM); events
 * (started, died, destroyed) reach watchers on one runtime thread; stats are zeros; there
 * are no logs. Nothing blocks, so no call needs a deadline. Thread-safe: one lock guards
 * the containers.
 */
public final class HollowContainerRuntime implements ContainerRuntime, AutoCloseable {

	private static final int SIGTERM_EXIT = 143;

	private final Clock clock;

	private final Map<String, ManagedContainer> byName = new LinkedHashMap<>();

	private final Map<String, String> nameById = new HashMap<>();

	private final Map<String, ScheduledFuture<?>> exits = new HashMap<>();

	private final List<Watch> watches = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService events;

	public HollowContainerRuntime(Clock clock) {
		this.clock = clock;
		this.events = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "hollow-runtime");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public DaemonInfo info() {
		return new DaemonInfo("hollow", "hollow", Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory());
	}

	@Override
	public boolean imagePresent(String image) {
		return true;
	}

	@Override
	public void pull(String image, Optional<RegistryCredentials> credentials, Duration timeout) {
		// every image is there at once
	}

	@Override
	public synchronized ManagedContainer createAndStart(ContainerSpec spec) {
		ManagedContainer existing = this.byName.get(spec.name());
		if (existing != null) {
			return existing;
		}
		ManagedContainer container = new ManagedContainer(UUID.randomUUID().toString().replace("-", ""), spec.name(),
				spec.image(), spec.labels(), ContainerStatus.RUNNING, null, false, this.clock.instant(), null);
		this.byName.put(container.name(), container);
		this.nameById.put(container.id(), container.name());
		publish(ContainerEvent.Type.STARTED, container, null);
		String sleep = spec.env().get("SLEEP");
		if (sleep != null) {
			int exitCode = Integer.parseInt(spec.env().getOrDefault("EXIT_CODE", "0"));
			long millis = (long) (Double.parseDouble(sleep) * 1000);
			this.exits.put(container.id(),
					this.events.schedule(() -> exit(container.id(), exitCode, false), millis, TimeUnit.MILLISECONDS));
		}
		return container;
	}

	@Override
	public void stop(String containerIdOrName, Duration timeout) {
		find(containerIdOrName).ifPresent((container) -> exit(container.id(), SIGTERM_EXIT, true));
	}

	@Override
	public synchronized void remove(String containerIdOrName) {
		Optional<ManagedContainer> found = find(containerIdOrName);
		if (found.isEmpty()) {
			return;
		}
		ManagedContainer container = found.get();
		if (container.state() == ContainerStatus.RUNNING) {
			exit(container.id(), 137, true);
			container = this.byName.get(container.name());
		}
		this.byName.remove(container.name());
		this.nameById.remove(container.id());
		publish(ContainerEvent.Type.DESTROYED, container, null);
	}

	@Override
	public Optional<ContainerStats> stats(String containerIdOrName, Duration timeout) {
		return find(containerIdOrName).filter((container) -> container.state() == ContainerStatus.RUNNING)
			.map((container) -> new ContainerStats(0, 0, null, null, this.clock.instant()));
	}

	@Override
	public synchronized Optional<ManagedContainer> inspect(String containerIdOrName) {
		return find(containerIdOrName);
	}

	@Override
	public synchronized List<ManagedContainer> list(String labelKey, String labelValue) {
		List<ManagedContainer> matching = new ArrayList<>();
		for (ManagedContainer container : this.byName.values()) {
			if (labelValue.equals(container.labels().get(labelKey))) {
				matching.add(container);
			}
		}
		return matching;
	}

	@Override
	public Subscription watch(String labelKey, String labelValue, Consumer<ContainerEvent> listener,
			Consumer<Throwable> onError) {
		Watch watch = new Watch(labelKey, labelValue, listener);
		this.watches.add(watch);
		return () -> this.watches.remove(watch);
	}

	/** How many containers it holds, running or not (for harnesses). */
	public synchronized int size() {
		return this.byName.size();
	}

	@Override
	public void close() {
		this.events.shutdownNow();
	}

	private synchronized void exit(String id, int exitCode, boolean cancelTimer) {
		String name = this.nameById.get(id);
		ManagedContainer container = (name != null) ? this.byName.get(name) : null;
		ScheduledFuture<?> timer = this.exits.remove(id);
		if (cancelTimer && timer != null) {
			timer.cancel(false);
		}
		if (container == null || container.state() != ContainerStatus.RUNNING) {
			return;
		}
		ManagedContainer exited = new ManagedContainer(container.id(), container.name(), container.image(),
				container.labels(), ContainerStatus.EXITED, exitCode, false, container.startedAt(),
				this.clock.instant());
		this.byName.put(name, exited);
		publish(ContainerEvent.Type.DIED, exited, exitCode);
	}

	private synchronized Optional<ManagedContainer> find(String idOrName) {
		ManagedContainer byName = this.byName.get(idOrName);
		if (byName != null) {
			return Optional.of(byName);
		}
		String name = this.nameById.get(idOrName);
		return Optional.ofNullable((name != null) ? this.byName.get(name) : null);
	}

	/** Called under the lock: events keep the order of the changes. */
	private void publish(ContainerEvent.Type type, ManagedContainer container, Integer exitCode) {
		if (this.watches.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		ContainerEvent event = new ContainerEvent(type, container.id(), container.name(), container.labels(), exitCode,
				now);
		for (Watch watch : this.watches) {
			if (watch.matches(container)) {
				this.events.execute(() -> {
					if (this.watches.contains(watch)) {
						watch.listener().accept(event);
					}
				});
			}
		}
	}

	/** One subscription; identity matters (two alike watches are two). */
	private static final class Watch {

		private final String labelKey;

		private final String labelValue;

		private final Consumer<ContainerEvent> listener;

		Watch(String labelKey, String labelValue, Consumer<ContainerEvent> listener) {
			this.labelKey = labelKey;
			this.labelValue = labelValue;
			this.listener = listener;
		}

		Consumer<ContainerEvent> listener() {
			return this.listener;
		}

		boolean matches(ManagedContainer container) {
			return this.labelValue.equals(container.labels().get(this.labelKey));
		}

	}

}
