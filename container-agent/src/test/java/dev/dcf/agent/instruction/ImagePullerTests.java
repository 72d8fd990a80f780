package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pulls with retries on a fake runtime and a clock that only the pauses advance.
 */
class ImagePullerTests {

	private static final String IMAGE = "registry.example.com:5000/team/gen:2";

	private final FakeRuntime runtime = new FakeRuntime();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T10:00:00Z"));

	private final List<Duration> pauses = new ArrayList<>();

	private final RecordingFollower follower = new RecordingFollower();

	@Test
	void aRegistryThatFailsTwiceIsTriedAgainAfterTwoThenFourSeconds() {
		this.runtime.pullableImages.add(IMAGE);
		this.runtime.pullFailures.add(unavailable());
		this.runtime.pullFailures.add(unavailable());

		puller(Duration.ofMinutes(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE));

		assertThat(this.runtime.pulls).hasSize(3);
		assertThat(this.pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(this.runtime.localImages).contains(IMAGE);
		// each attempt gets what is left of the pull timeout
		assertThat(this.runtime.pullTimeouts).containsExactly(Duration.ofMinutes(5), Duration.ofSeconds(298),
				Duration.ofSeconds(294));
	}

	@Test
	void aRegistryThatStaysUnavailableFailsWithItsReasonAfterThreeAttempts() {
		this.runtime.pullFailures.add(unavailable());
		this.runtime.pullFailures.add(unavailable());
		this.runtime.pullFailures.add(unavailable());

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> puller(Duration.ofMinutes(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.REGISTRY_UNAVAILABLE))
			.withMessage("registry failed to serve image " + IMAGE
					+ ": received unexpected HTTP status: 503 Service Unavailable (gave up after 3 attempts in 6 s)");
		assertThat(this.runtime.pulls).hasSize(3);
	}

	@Test
	void aRefusalOfTheRegistryFailsAtOnce() {
		// not in pullableImages: not found

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> puller(Duration.ofMinutes(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE)))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND));
		assertThat(this.runtime.pulls).hasSize(1);
		assertThat(this.pauses).isEmpty();
	}

	@Test
	void retriesStayWithinThePullTimeout() {
		this.runtime.pullableImages.add(IMAGE);
		this.runtime.pullFailures.add(unavailable());
		this.runtime.pullFailures.add(unavailable());

		// 2 s pause fits into 5 s, the next 4 s do not
		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> puller(Duration.ofSeconds(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE)))
			.withMessageEndingWith("(gave up after 2 attempts in 2 s)");
		assertThat(this.pauses).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void thePullIsFollowedFromStartToEndWithItsProgress() {
		this.runtime.pullableImages.add(IMAGE);
		this.runtime.pullProgress = new PullBytes(10, 20);
		Instruction create = ContainerStarterTests.create("job-1", 1, 1, IMAGE);

		puller(Duration.ofMinutes(5)).prepare(create);

		assertThat(this.follower.followed).containsExactly(create);
		assertThat(this.follower.bytes.get()).isEqualTo(new PullBytes(10, 20));
		assertThat(this.follower.closed).isOne();
	}

	@Test
	void aFailedPullIsNoLongerFollowed() {
		try {
			puller(Duration.ofMinutes(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE));
		}
		catch (ContainerRuntimeException expected) {
			// not found
		}

		assertThat(this.follower.followed).hasSize(1);
		assertThat(this.follower.closed).isOne();
	}

	@Test
	void aPresentImageIsNeitherPulledNorFollowed() {
		this.runtime.localImages.add(IMAGE);

		puller(Duration.ofMinutes(5)).prepare(ContainerStarterTests.create("job-1", 1, 1, IMAGE));

		assertThat(this.runtime.pulls).isEmpty();
		assertThat(this.follower.followed).isEmpty();
	}

	private ImagePuller puller(Duration timeout) {
		return new ImagePuller(this.runtime, PullPolicy.IF_NOT_PRESENT, timeout, (host) -> Optional.empty(),
				this.follower, this.clock, (pause) -> {
					this.pauses.add(pause);
					this.clock.advance(pause);
				});
	}

	private static ContainerRuntimeException unavailable() {
		return new ContainerRuntimeException(Kind.REGISTRY_UNAVAILABLE, "registry failed to serve image " + IMAGE
				+ ": received unexpected HTTP status: 503 Service Unavailable");
	}

	static final class RecordingFollower implements PullFollower {

		final List<Instruction> followed = new CopyOnWriteArrayList<>();

		volatile Supplier<PullBytes> bytes;

		volatile int closed;

		@Override
		public Following follow(Instruction instruction, Supplier<PullBytes> bytes) {
			this.followed.add(instruction);
			this.bytes = bytes;
			return () -> this.closed++;
		}

	}

}
