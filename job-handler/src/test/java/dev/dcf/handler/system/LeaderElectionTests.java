package dev.dcf.handler.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LeaderElectionTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final FakeLock lock = new FakeLock();

	private final LeaderElection election = new LeaderElection(() -> this.lock, CLOCK, Duration.ofHours(1));

	@AfterEach
	void stop() {
		this.election.stop();
	}

	@Test
	void aHandlerAloneOnItsDatabaseLeadsAsSoonAsItStarts() {
		LeaderElection alone = new LeaderElection(() -> LeaderLock.ALONE, CLOCK, Duration.ofHours(1));

		alone.start();

		assertThat(alone.isLeader()).isTrue();
		assertThat(alone.term()).isEqualTo(1);
		assertThat(alone.leaderSince()).isEqualTo(CLOCK.instant());
		alone.stop();
		assertThat(alone.isLeader()).isFalse();
	}

	@Test
	void aHandlerThatFindsTheLockTakenFollowsAndTakesOverWhenItIsFree() {
		this.lock.free = false;
		AtomicInteger takeovers = new AtomicInteger();
		this.election.whenLeading(takeovers::incrementAndGet);

		this.election.start();
		this.election.tick();

		assertThat(this.election.isLeader()).isFalse();
		assertThat(takeovers).hasValue(0);

		this.lock.free = true;
		this.election.tick();

		assertThat(this.election.isLeader()).isTrue();
		assertThat(this.election.term()).isEqualTo(1);
		assertThat(takeovers).hasValue(1);
	}

	@Test
	void aLeaderWhoseHoldOnTheLockIsGoneStopsLeadingAndReleasesWhatIsLeft() {
		this.election.start();
		assertThat(this.election.isLeader()).isTrue();

		this.lock.sessionAlive = false;
		this.election.tick();

		assertThat(this.election.isLeader()).isFalse();
		assertThat(this.election.leaderSince()).isNull();
		assertThat(this.lock.releases).hasValue(1);
	}

	@Test
	void aLeaderThatCannotReachItsDatabaseStopsLeadingAtOnce() {
		this.election.start();

		this.lock.failure = new IllegalStateException("Connection refused");
		this.election.tick();

		assertThat(this.election.isLeader()).isFalse();
		assertThat(this.election.lastProblem()).isEqualTo("Connection refused");
	}

	@Test
	void aFollowerThatCannotReachItsDatabaseKeepsTryingAndLeadsOnceItCan() {
		this.lock.failure = new IllegalStateException("Connection refused");
		this.election.start();
		assertThat(this.election.isLeader()).isFalse();

		this.lock.failure = null;
		this.election.tick();

		assertThat(this.election.isLeader()).isTrue();
		assertThat(this.election.lastProblem()).isNull();
	}

	@Test
	void everyTakeoverStartsANewTermAndTellsTheLoops() {
		AtomicInteger takeovers = new AtomicInteger();
		this.election.whenLeading(takeovers::incrementAndGet);
		this.election.start();
		this.lock.sessionAlive = false;
		this.election.tick();
		this.lock.sessionAlive = true;

		this.election.tick();

		assertThat(this.election.isLeader()).isTrue();
		assertThat(this.election.term()).isEqualTo(2);
		assertThat(takeovers).hasValue(2);
	}

	@Test
	void stoppingTheHandlerGivesTheLockUpSoThatAnotherTakesOverAtOnce() {
		this.election.start();

		this.election.stop();

		assertThat(this.election.isLeader()).isFalse();
		assertThat(this.lock.releases).hasValue(1);
		assertThat(this.election.isRunning()).isFalse();
	}

	@Test
	void aFollowerTriesAgainEveryIntervalWithoutBeingAsked() {
		this.lock.free = false;
		LeaderElection quick = new LeaderElection(() -> this.lock, CLOCK, Duration.ofMillis(20));
		quick.start();
		try {
			this.lock.free = true;

			await().atMost(Duration.ofSeconds(5)).until(quick::isLeader);
		}
		finally {
			quick.stop();
		}
	}

	private static final class FakeLock implements LeaderLock {

		volatile boolean free = true;

		volatile boolean sessionAlive = true;

		volatile RuntimeException failure;

		final AtomicInteger releases = new AtomicInteger();

		@Override
		public boolean tryAcquire() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.free;
		}

		@Override
		public boolean held() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.sessionAlive;
		}

		@Override
		public void release() {
			this.releases.incrementAndGet();
		}

		@Override
		public String holder() {
			return null;
		}

	}

}
