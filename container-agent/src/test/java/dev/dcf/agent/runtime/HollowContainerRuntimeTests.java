package dev.dcf.agent.runtime;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.hollow.HollowContainerRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The hollow runtime keeps the port's contract. Where it simulates less than an engine
 * (every image is there, no logs, stats are zeros) the contract's test is replaced by one
 * saying so.
 */
class HollowContainerRuntimeTests extends ContainerRuntimeContract {

	@Override
	protected ContainerRuntime createRuntime() {
		return new HollowContainerRuntime(Clock.systemUTC());
	}

	@Override
	protected String sleeperImage() {
		return "dcf-test/sleeper:latest";
	}

	@Override
	@Test
	void logsTailHasTheLastLinesOfAContainerAndNoneOfAGoneOne() {
		ManagedContainer started = this.runtime.createAndStart(spec("logs", Map.of("SLEEP", "0"), 0, 0));

		assertThat(this.runtime.logsTail(started.id(), 50, SOON)).isEmpty();
	}

	@Override
	@Test
	void followLogsHandsOverTheTailThenEachNewLineAndEndsWithTheContainer() {
		ManagedContainer started = this.runtime.createAndStart(spec("follow", Map.of(), 0, 0));
		List<String> lines = new CopyOnWriteArrayList<>();
		CompletableFuture<Throwable> ended = new CompletableFuture<>();

		this.runtime.followLogs(started.id(), 10, lines::add, ended::complete).close();

		assertThat(ended).isCompletedWithValue(null);
		assertThat(lines).isEmpty();
	}

	@Override
	@Test
	void unknownImageFailsWithImageNotFoundAndLeavesNothing() {
		ContainerSpec spec = new ContainerSpec("dcf-test-" + this.runId + "-anyimage", "dcf-test/any-image:1",
				List.of(), Map.of(), Map.of(RUN_LABEL, this.runId), 0, 0, "bridge", ContainerSpec.Hardening.DEFAULT);

		assertThat(this.runtime.createAndStart(spec).state()).isEqualTo(ContainerStatus.RUNNING);
		this.runtime.remove(spec.name());
	}

	@Override
	@Test
	void pullOfUnreachableImageFailsWithImageNotFound() {
		assertThatNoException()
			.isThrownBy(() -> this.runtime.pull("localhost:1/dcf-test/any:1", Optional.empty(), Duration.ofSeconds(1)));
	}

	@Override
	@Test
	void imagePresentKnowsLocalImages() {
		assertThat(this.runtime.imagePresent(sleeperImage())).isTrue();
		assertThat(this.runtime.imagePresent("dcf-test/any-image:1")).isTrue();
	}

	@Test
	void statsOfARunningContainerAreZerosAndOfAStoppedOneEmpty() {
		ManagedContainer started = this.runtime.createAndStart(spec("stats", Map.of(), 0, 0));

		assertThat(this.runtime.stats(started.id(), SOON)).get().satisfies((stats) -> {
			assertThat(stats.cpuPercent()).isZero();
			assertThat(stats.memoryBytes()).isZero();
		});
		this.runtime.stop(started.id(), SOON);
		assertThat(this.runtime.stats(started.id(), SOON)).isEmpty();
	}

	@Test
	void aContainerWithoutSleepRunsUntilStoppedAndEndsWithSigterm() {
		ManagedContainer started = this.runtime.createAndStart(spec("forever", Map.of(), 0, 0));

		assertThat(this.runtime.inspect(started.id())).get()
			.extracting(ManagedContainer::state)
			.isEqualTo(ContainerStatus.RUNNING);
		this.runtime.stop(started.name(), SOON);
		assertThat(this.runtime.inspect(started.id())).get().extracting(ManagedContainer::exitCode).isEqualTo(143);
	}

}
