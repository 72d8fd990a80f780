package dev.dcf.agent.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogStreamsTests {

	private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final FollowingRuntime runtime = new FollowingRuntime();

	private final List<LogBatch> sent = new CopyOnWriteArrayList<>();

	private final LogStreams streams = new LogStreams(this.runtime, this.sent::add, properties(2, 100), this.clock);

	@AfterEach
	void stop() {
		this.streams.stop();
	}

	@Test
	void followsTheJobsContainerByNameFromItsTailAndSendsItsLinesInBatches() {
		this.streams.request(new LogRequest("job-1", 3, 1, 20, null));
		Follow follow = this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 1));
		assertThat(follow.tail).isEqualTo(20);

		follow.onLine.accept("first");
		follow.onLine.accept("second");
		this.streams.flush();
		follow.onLine.accept("third");
		this.streams.flush();
		this.streams.flush();

		assertThat(this.sent).extracting(LogBatch::lines).containsExactly(List.of("first", "second"), List.of("third"));
		assertThat(this.sent).allSatisfy((batch) -> {
			assertThat(batch.jobId()).isEqualTo("job-1");
			assertThat(batch.runNumber()).isEqualTo(3);
			assertThat(batch.index()).isEqualTo(1);
			assertThat(batch.ended()).isFalse();
		});
	}

	@Test
	void aRenewalKeepsTheOneStreamAndPushesItsLeaseOut() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, Duration.ofSeconds(30)));
		Follow follow = this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));
		this.clock.advance(Duration.ofSeconds(20));
		this.streams.request(new LogRequest("job-1", 1, 0, 0, Duration.ofSeconds(30)));
		this.clock.advance(Duration.ofSeconds(20));
		this.streams.flush();

		assertThat(this.runtime.opened).hasValue(1);
		assertThat(this.sent).isEmpty();
		assertThat(follow.closed).isFalse();

		this.clock.advance(Duration.ofSeconds(11));
		this.streams.flush();
		assertThat(this.sent).singleElement().satisfies((batch) -> {
			assertThat(batch.ended()).isTrue();
			assertThat(batch.endReason()).isEqualTo("the lease ran out");
		});
		assertThat(follow.closed).isTrue();
		assertThat(this.streams.open()).isZero();
	}

	@Test
	void aLeaseLongerThanTheMaximumIsCut() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, Duration.ofHours(5)));
		this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));
		this.clock.advance(Duration.ofMinutes(2));
		this.streams.flush();
		assertThat(this.sent).singleElement().extracting(LogBatch::ended).isEqualTo(true);
	}

	@Test
	void aFollowBeyondTheMaximumIsAnsweredWithAnEndedBatchAndNotOpened() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, null));
		this.streams.request(new LogRequest("job-2", 1, 0, 0, null));
		this.streams.request(new LogRequest("job-3", 1, 0, 0, null));

		assertThat(this.sent).singleElement().satisfies((batch) -> {
			assertThat(batch.jobId()).isEqualTo("job-3");
			assertThat(batch.ended()).isTrue();
			assertThat(batch.endReason()).contains("follows 2 logs already");
		});
		assertThat(this.streams.open()).isEqualTo(2);
	}

	@Test
	void theContainerStoppingEndsTheStreamAfterItsLastLines() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, null));
		Follow follow = this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));
		follow.onLine.accept("last words");
		follow.onEnd.accept(null);
		follow.onLine.accept("never sent");
		this.streams.flush();

		assertThat(this.sent).singleElement().satisfies((batch) -> {
			assertThat(batch.lines()).containsExactly("last words");
			assertThat(batch.ended()).isTrue();
			assertThat(batch.endReason()).isEqualTo("the container stopped");
		});
		assertThat(this.streams.open()).isZero();
	}

	@Test
	void aContainerThatCannotBeFollowedEndsTheStreamWithTheReason() {
		this.runtime.failing.add(ManagedLabels.containerName("job-1", 0));
		this.streams.request(new LogRequest("job-1", 1, 0, 0, null));
		await().untilAsserted(() -> {
			this.streams.flush();
			assertThat(this.sent).singleElement().satisfies((batch) -> {
				assertThat(batch.ended()).isTrue();
				assertThat(batch.endReason()).startsWith("could not follow the container")
					.contains("no such container");
			});
		});
	}

	@Test
	void linesFasterThanTheBoundAreDroppedAndCounted() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, null));
		Follow follow = this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));
		for (int i = 0; i < 250; i++) {
			follow.onLine.accept("line " + i);
		}
		this.streams.flush();

		assertThat(this.sent).singleElement().satisfies((batch) -> {
			assertThat(batch.lines()).hasSize(100).startsWith("line 0").endsWith("line 99");
			assertThat(batch.dropped()).isEqualTo(150);
		});
	}

	@Test
	void aNewerRunReplacesTheFollowOfTheOlderOne() {
		this.streams.request(new LogRequest("job-1", 1, 0, 0, null));
		Follow old = this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));
		this.runtime.follows.clear();
		this.streams.request(new LogRequest("job-1", 2, 0, 0, null));
		this.runtime.awaitFollow(ManagedLabels.containerName("job-1", 0));

		assertThat(old.closed).isTrue();
		assertThat(this.sent).singleElement().satisfies((batch) -> {
			assertThat(batch.runNumber()).isEqualTo(1);
			assertThat(batch.endReason()).isEqualTo("a newer run is followed");
		});
		assertThat(this.streams.open()).isEqualTo(1);
	}

	private static LogProperties properties(int maxStreams, int linesPerSecond) {
		return new LogProperties(maxStreams, linesPerSecond, DataSize.ofKilobytes(4), Duration.ofMillis(200),
				Duration.ofSeconds(30), Duration.ofMinutes(2), 1000);
	}

	static final class Follow {

		final int tail;

		final Consumer<String> onLine;

		final Consumer<Throwable> onEnd;

		volatile boolean closed;

		Follow(int tail, Consumer<String> onLine, Consumer<Throwable> onEnd) {
			this.tail = tail;
			this.onLine = onLine;
			this.onEnd = onEnd;
		}

	}

	/** Records each follow so the test can play the container's output. */
	static final class FollowingRuntime extends FakeRuntime {

		final Map<String, Follow> follows = new ConcurrentHashMap<>();

		final List<String> failing = new CopyOnWriteArrayList<>();

		final AtomicInteger opened = new AtomicInteger();

		@Override
		public Subscription followLogs(String containerIdOrName, int tail, Consumer<String> onLine,
				Consumer<Throwable> onEnd) {
			if (this.failing.contains(containerIdOrName)) {
				throw new ContainerRuntimeException(ContainerRuntimeException.Kind.OTHER,
						"no such container " + containerIdOrName);
			}
			Follow follow = new Follow(tail, onLine, onEnd);
			this.opened.incrementAndGet();
			this.follows.put(containerIdOrName, follow);
			return () -> follow.closed = true;
		}

		Follow awaitFollow(String name) {
			return await().until(() -> this.follows.get(name), (follow) -> follow != null);
		}

	}

}
