package dev.dcf.agent.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerStats;
import dev.dcf.agent.testsupport.FakeRuntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StatsSamplerTests {

	private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");

	private final SamplingRuntime runtime = new SamplingRuntime();

	private final StatsSampler sampler = new StatsSampler(this.runtime, Duration.ofSeconds(10), Duration.ofSeconds(5));

	@AfterEach
	void release() {
		this.runtime.release.countDown();
		this.sampler.stop();
	}

	@Test
	void aHangingCallHoldsUpNeitherTheReaderNorTheOtherContainersAndIsNotRepeatedWhileItHangs() {
		this.runtime.hanging.add("hung");
		this.sampler.follow(Set.of("hung", "fine"));

		for (int round = 1; round <= 3; round++) {
			this.sampler.round();
			int calls = round;
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.runtime.calls("fine") == calls && !this.sampler.inFlight("fine"));
		}

		assertThat(this.sampler.latest("hung")).isEmpty();
		assertThat(this.sampler.inFlight("hung")).isTrue();
		assertThat(this.runtime.calls("hung")).isEqualTo(1);
		assertThat(this.sampler.latest("fine")).get().extracting(ContainerStats::memoryBytes).isEqualTo(3L);

		this.runtime.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sampler.latest("hung").isPresent());
		this.sampler.round();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.runtime.calls("hung") == 2);
	}

	@Test
	void eachCallGetsTheDeadline() {
		this.sampler.follow(Set.of("c1"));

		this.sampler.round();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.sampler.latest("c1").isPresent());
		assertThat(this.runtime.timeouts).containsOnly(Duration.ofSeconds(5));
	}

	@Test
	void aFailedCallKeepsThePreviousSample() {
		this.sampler.follow(Set.of("c1"));
		this.sampler.round();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sampler.latest("c1").isPresent());

		this.runtime.failing.add("c1");
		this.sampler.round();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.runtime.calls("c1") == 2 && !this.sampler.inFlight("c1"));

		assertThat(this.sampler.latest("c1")).get().extracting(ContainerStats::memoryBytes).isEqualTo(1L);
	}

	@Test
	void aContainerThatIsGoneOrNoLongerFollowedLosesItsSample() {
		this.sampler.follow(Set.of("c1", "c2"));
		this.sampler.round();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.sampler.latest("c1").isPresent() && this.sampler.latest("c2").isPresent());

		this.sampler.follow(Set.of("c2"));
		assertThat(this.sampler.latest("c1")).isEmpty();

		this.runtime.gone.add("c2");
		this.sampler.round();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.sampler.latest("c2").isEmpty());
		assertThat(this.runtime.calls("c1")).isEqualTo(1);
	}

	@Test
	void samplesEveryIntervalOnceStarted() {
		StatsSampler fast = new StatsSampler(this.runtime, Duration.ofMillis(100), Duration.ofSeconds(5));
		fast.follow(Set.of("c1"));
		try {
			fast.start();
			await().atMost(Duration.ofSeconds(5)).until(() -> this.runtime.calls("c1") >= 3);
		}
		finally {
			fast.stop();
		}
		assertThat(fast.isRunning()).isFalse();
	}

	/** Answers a sample per call (memory = how many calls so far). */
	static final class SamplingRuntime extends FakeRuntime {

		final Set<String> hanging = ConcurrentHashMap.newKeySet();

		final Set<String> failing = ConcurrentHashMap.newKeySet();

		final Set<String> gone = ConcurrentHashMap.newKeySet();

		final Set<Duration> timeouts = ConcurrentHashMap.newKeySet();

		final CountDownLatch release = new CountDownLatch(1);

		private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

		@Override
		public Optional<ContainerStats> stats(String containerIdOrName, Duration timeout) {
			this.timeouts.add(timeout);
			int call = this.calls.computeIfAbsent(containerIdOrName, (id) -> new AtomicInteger()).incrementAndGet();
			if (this.hanging.contains(containerIdOrName)) {
				// a runtime that does not even keep its deadline
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.failing.contains(containerIdOrName)) {
				throw new ContainerRuntimeException(ContainerRuntimeException.Kind.TIMEOUT, "no answer");
			}
			if (this.gone.contains(containerIdOrName)) {
				return Optional.empty();
			}
			return Optional.of(new ContainerStats(1.5, call, 268435456L, null, AT));
		}

		int calls(String id) {
			AtomicInteger count = this.calls.get(id);
			return (count != null) ? count.get() : 0;
		}

	}

}
