package dev.dcf.agent.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link ContainerRuntime} must do, as tests. An implementation's test extends
 * this class and says how to build the runtime and which image sleeps: the image must
 * behave like {@code dcf-test/sleeper} (sleeps {@code $SLEEP} seconds, default forever,
 * then exits with {@code $EXIT_CODE}; exits at once on SIGTERM).
 *
 * <p>
 * Each test labels its containers with a label unique to the test ({@link #runLabel}) and
 * removes them afterwards.
 */
public abstract class ContainerRuntimeContract {

	/** Label key that marks the containers of one test. */
	protected static final String RUN_LABEL = "dcf.test-run";

	/** Bound for asynchronous outcomes (a container exiting, an event arriving). */
	protected static final Duration SOON = Duration.ofSeconds(15);

	/** Unique per test method (JUnit makes an instance per method). */
	protected final String runId = UUID.randomUUID().toString().substring(0, 8);

	protected ContainerRuntime runtime;

	private final List<String> names = new ArrayList<>();

	/** A new runtime on the engine under test. */
	protected abstract ContainerRuntime createRuntime();

	/** An image present on the engine that behaves like {@code dcf-test/sleeper}. */
	protected abstract String sleeperImage();

	/** Releases a runtime made by {@link #createRuntime()}. */
	protected void closeRuntime(ContainerRuntime runtime) throws Exception {
		if (runtime instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@BeforeEach
	void openRuntime() {
		this.runtime = createRuntime();
	}

	@AfterEach
	void removeContainersOfThisTest() throws Exception {
		try {
			for (ManagedContainer container : this.runtime.list(RUN_LABEL, this.runId)) {
				this.runtime.remove(container.id());
			}
			for (String name : this.names) {
				this.runtime.remove(name);
			}
		}
		finally {
			closeRuntime(this.runtime);
		}
	}

	@Test
	void createAndStartRunsContainerWithLabelsEnvAndLimits() {
		ContainerSpec spec = spec("env", Map.of("SLEEP", "1", "EXIT_CODE", "7"), 500_000_000L, 64L << 20);

		ManagedContainer started = this.runtime.createAndStart(spec);

		assertThat(started.id()).isNotBlank();
		assertThat(started.name()).isEqualTo(spec.name());
		assertThat(started.image()).isEqualTo(sleeperImage());
		assertThat(started.labels()).containsEntry(RUN_LABEL, this.runId).containsEntry("dcf.test-role", "env");
		assertThat(started.state()).isIn(ContainerStatus.RUNNING, ContainerStatus.EXITED);
		assertThat(started.startedAt()).isNotNull();
		// the env reached the process: it exits with the code it was given
		ManagedContainer exited = awaitState(started.id(), ContainerStatus.EXITED);
		assertThat(exited.exitCode()).isEqualTo(7);
		assertThat(exited.oomKilled()).isFalse();
		assertThat(exited.finishedAt()).isAfterOrEqualTo(exited.startedAt());
	}

	@Test
	void createAndStartIsIdempotentByName() {
		ContainerSpec spec = spec("twice", Map.of(), 0, 0);

		ManagedContainer first = this.runtime.createAndStart(spec);
		ManagedContainer second = this.runtime.createAndStart(spec);

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.state()).isEqualTo(ContainerStatus.RUNNING);
		assertThat(this.runtime.list(RUN_LABEL, this.runId)).extracting(ManagedContainer::id)
			.containsExactly(first.id());
	}

	@Test
	void logsTailHasTheLastLinesOfAContainerAndNoneOfAGoneOne() {
		ContainerSpec spec = spec("logs", Map.of("SLEEP", "0", "EXIT_CODE", "1"), 0, 0);
		ManagedContainer started = this.runtime.createAndStart(spec);
		awaitState(started.id(), ContainerStatus.EXITED);

		assertThat(this.runtime.logsTail(started.id(), 50, SOON)).containsExactly("sleeper started");
		this.runtime.remove(started.id());
		assertThat(this.runtime.logsTail(started.id(), 50, SOON)).isEmpty();
	}

	@Test
	void followLogsHandsOverTheTailThenEachNewLineAndEndsWithTheContainer() {
		ManagedContainer started = this.runtime.createAndStart(spec("follow", Map.of(), 0, 0));
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<Throwable> ended = new CompletableFuture<>();
		try (ContainerRuntime.Subscription follow = this.runtime.followLogs(started.id(), 10, lines::add,
				ended::complete)) {
			await().atMost(SOON).until(() -> lines.contains("sleeper started"));
			// SIGTERM: the sleeper writes one more line, then exits
			this.runtime.stop(started.id(), SOON);
			await().atMost(SOON).until(ended::isDone);
		}
		assertThat(lines).containsExactly("sleeper started", "sleeper stopping");
		assertThat(ended.join()).isNull();
	}

	@Test
	void stopEndsARunningContainer() {
		ManagedContainer started = this.runtime.createAndStart(spec("stop", Map.of(), 0, 0));

		this.runtime.stop(started.id(), Duration.ofSeconds(5));

		ManagedContainer stopped = this.runtime.inspect(started.id()).orElseThrow();
		assertThat(stopped.state()).isEqualTo(ContainerStatus.EXITED);
		assertThat(stopped.exitCode()).isNotNull();
	}

	@Test
	void stopIsIdempotentWhenContainerAlreadyStopped() {
		ManagedContainer started = this.runtime.createAndStart(spec("stopped", Map.of(), 0, 0));
		this.runtime.stop(started.id(), Duration.ofSeconds(5));

		assertThatNoException().isThrownBy(() -> this.runtime.stop(started.id(), Duration.ofSeconds(5)));
		assertThat(this.runtime.inspect(started.id())).get()
			.extracting(ManagedContainer::state)
			.isEqualTo(ContainerStatus.EXITED);
	}

	@Test
	void stopIsIdempotentWhenContainerAlreadyGone() {
		ManagedContainer started = this.runtime.createAndStart(spec("gone", Map.of(), 0, 0));
		this.runtime.remove(started.id());

		assertThatNoException().isThrownBy(() -> this.runtime.stop(started.id(), Duration.ofSeconds(5)));
		assertThatNoException().isThrownBy(() -> this.runtime.stop("dcf-never-existed-" + this.runId, null));
	}

	@Test
	void removeDeletesEvenARunningContainer() {
		ManagedContainer started = this.runtime.createAndStart(spec("remove", Map.of(), 0, 0));

		this.runtime.remove(started.id());

		assertThat(this.runtime.inspect(started.id())).isEmpty();
		assertThat(this.runtime.inspect(started.name())).isEmpty();
	}

	@Test
	void removeIsIdempotentWhenContainerAlreadyGone() {
		ManagedContainer started = this.runtime.createAndStart(spec("removed", Map.of(), 0, 0));
		this.runtime.remove(started.id());

		assertThatNoException().isThrownBy(() -> this.runtime.remove(started.id()));
		assertThatNoException().isThrownBy(() -> this.runtime.remove("dcf-never-existed-" + this.runId));
	}

	@Test
	void listFindsContainersByLabelInEveryState() {
		ManagedContainer running = this.runtime.createAndStart(spec("running", Map.of(), 0, 0));
		ManagedContainer exited = this.runtime
			.createAndStart(spec("exited", Map.of("SLEEP", "0", "EXIT_CODE", "2"), 0, 0));
		ManagedContainer stopped = this.runtime.createAndStart(spec("stopped", Map.of(), 0, 0));
		this.runtime.stop(stopped.id(), Duration.ofSeconds(5));
		awaitState(exited.id(), ContainerStatus.EXITED);

		List<ManagedContainer> listed = this.runtime.list(RUN_LABEL, this.runId);

		assertThat(listed).extracting(ManagedContainer::id)
			.containsExactlyInAnyOrder(running.id(), exited.id(), stopped.id());
		assertThat(find(listed, running.id()).state()).isEqualTo(ContainerStatus.RUNNING);
		assertThat(find(listed, running.id()).exitCode()).isNull();
		assertThat(find(listed, exited.id()).state()).isEqualTo(ContainerStatus.EXITED);
		assertThat(find(listed, exited.id()).exitCode()).isEqualTo(2);
		assertThat(find(listed, stopped.id()).state()).isEqualTo(ContainerStatus.EXITED);
		assertThat(find(listed, running.id()).labels()).containsEntry(RUN_LABEL, this.runId);
	}

	@Test
	void summariesShowWhatListShowsWithoutTheDetails() {
		ManagedContainer running = this.runtime.createAndStart(spec("running", Map.of(), 0, 0));
		ManagedContainer exited = this.runtime
			.createAndStart(spec("exited", Map.of("SLEEP", "0", "EXIT_CODE", "2"), 0, 0));
		awaitState(exited.id(), ContainerStatus.EXITED);

		List<ContainerSummary> summaries = this.runtime.summaries(RUN_LABEL, this.runId);

		assertThat(summaries).containsExactlyInAnyOrderElementsOf(
				this.runtime.list(RUN_LABEL, this.runId).stream().map(ContainerSummary::of).toList());
		assertThat(summaries).extracting(ContainerSummary::id).containsExactlyInAnyOrder(running.id(), exited.id());
		assertThat(summaries).filteredOn((summary) -> summary.id().equals(exited.id()))
			.singleElement()
			.extracting(ContainerSummary::state)
			.isEqualTo(ContainerStatus.EXITED);
		assertThat(this.runtime.summaries(RUN_LABEL, this.runId + "-other")).isEmpty();
	}

	@Test
	void listIgnoresContainersWithOtherLabelValues() {
		this.runtime.createAndStart(spec("mine", Map.of(), 0, 0));

		assertThat(this.runtime.list(RUN_LABEL, this.runId + "-other")).isEmpty();
	}

	@Test
	void inspectOfUnknownContainerIsEmpty() {
		assertThat(this.runtime.inspect("dcf-never-existed-" + this.runId)).isEmpty();
	}

	@Test
	void watchReportsExitCodeOfDyingContainer() {
		List<ContainerEvent> events = new CopyOnWriteArrayList<>();
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		try (ContainerRuntime.Subscription subscription = this.runtime.watch(RUN_LABEL, this.runId, events::add,
				errors::add)) {
			ManagedContainer started = this.runtime
				.createAndStart(spec("dies", Map.of("SLEEP", "1", "EXIT_CODE", "3"), 0, 0));

			await().atMost(SOON).untilAsserted(() -> assertThat(events).anySatisfy((event) -> {
				assertThat(event.type()).isEqualTo(ContainerEvent.Type.DIED);
				assertThat(event.containerId()).isEqualTo(started.id());
				assertThat(event.exitCode()).isEqualTo(3);
			}));
			assertThat(events).first().satisfies((event) -> {
				assertThat(event.type()).isEqualTo(ContainerEvent.Type.STARTED);
				assertThat(event.name()).isEqualTo(started.name());
				assertThat(event.labels()).containsEntry(RUN_LABEL, this.runId);
				assertThat(event.time()).isNotNull();
			});
		}
		assertThat(errors).isEmpty();
	}

	@Test
	void watchReportsRemovalAsDestroyed() {
		List<ContainerEvent> events = new CopyOnWriteArrayList<>();
		try (ContainerRuntime.Subscription subscription = this.runtime.watch(RUN_LABEL, this.runId, events::add,
				(error) -> {
				})) {
			ManagedContainer started = this.runtime.createAndStart(spec("destroyed", Map.of(), 0, 0));
			this.runtime.remove(started.id());

			await().atMost(SOON)
				.untilAsserted(() -> assertThat(events).extracting(ContainerEvent::type, ContainerEvent::containerId)
					.contains(org.assertj.core.groups.Tuple.tuple(ContainerEvent.Type.DESTROYED, started.id())));
		}
	}

	@Test
	void watchIgnoresContainersWithOtherLabelValues() {
		List<ContainerEvent> events = new CopyOnWriteArrayList<>();
		try (ContainerRuntime.Subscription subscription = this.runtime.watch(RUN_LABEL, this.runId + "-other",
				events::add, (error) -> {
				})) {
			ManagedContainer started = this.runtime
				.createAndStart(spec("unwatched", Map.of("SLEEP", "0", "EXIT_CODE", "1"), 0, 0));
			awaitState(started.id(), ContainerStatus.EXITED);
			this.runtime.remove(started.id());
			// the events of a watched container created afterwards arrive; the unwatched
			// ones before them did not
			ContainerSpec watched = new ContainerSpec("dcf-test-" + this.runId + "-watched", sleeperImage(), List.of(),
					Map.of("SLEEP", "0"), Map.of(RUN_LABEL, this.runId + "-other"), 0, 0, "bridge",
					ContainerSpec.Hardening.DEFAULT);
			this.names.add(watched.name());
			ManagedContainer marker = this.runtime.createAndStart(watched);

			await().atMost(SOON)
				.untilAsserted(() -> assertThat(events).extracting(ContainerEvent::containerId).contains(marker.id()));
			assertThat(events).extracting(ContainerEvent::containerId).doesNotContain(started.id());
		}
	}

	@Test
	void unknownImageFailsWithImageNotFoundAndLeavesNothing() {
		String image = "dcf-test/no-such-image-" + this.runId + ":1";
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-noimage", image, List.of(), Map.of(),
				Map.of(RUN_LABEL, this.runId), 0, 0, "bridge", ContainerSpec.Hardening.DEFAULT);
		this.names.add(spec.name());

		assertThatExceptionOfType(ContainerRuntimeException.class).isThrownBy(() -> this.runtime.createAndStart(spec))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND))
			.withMessageContaining(image);
		assertThat(this.runtime.list(RUN_LABEL, this.runId)).isEmpty();
		assertThat(this.runtime.inspect(spec.name())).isEmpty();
	}

	@Test
	void pullOfUnreachableImageFailsWithImageNotFound() {
		// port 1 on loopback: nothing listens, no network needed
		String image = "localhost:1/dcf-test/no-such-image-" + this.runId + ":1";

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.runtime.pull(image, Optional.empty(), Duration.ofSeconds(60)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND))
			.withMessageContaining(image);
		assertThat(this.runtime.imagePresent(image)).isFalse();
	}

	@Test
	void imagePresentKnowsLocalImages() {
		assertThat(this.runtime.imagePresent(sleeperImage())).isTrue();
		assertThat(this.runtime.imagePresent("dcf-test/no-such-image-" + this.runId + ":1")).isFalse();
	}

	@Test
	void infoDescribesTheEngine() {
		DaemonInfo info = this.runtime.info();

		assertThat(info.version()).isNotBlank();
		assertThat(info.apiVersion()).isNotBlank();
		assertThat(info.cpus()).isPositive();
		assertThat(info.memoryBytes()).isPositive();
	}

	/**
	 * A sleeper spec labelled for this test.
	 * @param role distinguishes the containers of one test (name suffix and label)
	 */
	protected ContainerSpec spec(String role, Map<String, String> env, long nanoCpus, long memoryBytes) {
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-" + role, sleeperImage(), List.of(), env,
				Map.of(RUN_LABEL, this.runId, "dcf.test-role", role), nanoCpus, memoryBytes, "bridge",
				ContainerSpec.Hardening.DEFAULT);
		this.names.add(spec.name());
		return spec;
	}

	protected ManagedContainer awaitState(String id, ContainerStatus state) {
		return await().atMost(SOON)
			.until(() -> this.runtime.inspect(id).orElseThrow(), (container) -> container.state() == state);
	}

	private static ManagedContainer find(List<ManagedContainer> containers, String id) {
		return containers.stream().filter((container) -> container.id().equals(id)).findFirst().orElseThrow();
	}

}
