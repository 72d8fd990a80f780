package dev.dcf.handler.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundLoopTests {

	private static final Duration INTERVAL = Duration.ofMillis(50);

	private BackgroundLoop loop;

	@AfterEach
	void stop() {
		if (this.loop != null) {
			this.loop.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void aTaskThatThrowsAnErrorOnceRunsAgainAfterTheInterval() {
		AtomicInteger runs = new AtomicInteger();
		this.loop = new BackgroundLoop("test-error", INTERVAL, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new StackOverflowError("simulated");
			}
			return null;
		});

		this.loop.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
		assertThat(this.loop.isRunning()).isTrue();
	}

	@Test
	void aTaskThatThrowsARuntimeExceptionRunsAgainAfterTheInterval() {
		AtomicInteger runs = new AtomicInteger();
		this.loop = new BackgroundLoop("test-runtime", INTERVAL, () -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("simulated");
			}
			return null;
		});

		this.loop.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
	}

	@Test
	void aLeaderOnlyLoopRunsItsTaskOnlyWhileTheHandlerLeadsAndAtOnceWhenItTakesOver() {
		SwitchableLeadership leadership = new SwitchableLeadership();
		AtomicInteger runs = new AtomicInteger();
		// an hour between rounds: only the wake-up on takeover can run the task in time
		this.loop = BackgroundLoop.whileLeading(leadership, "test-leader-only", Duration.ofHours(1), () -> {
			runs.incrementAndGet();
			return null;
		});

		this.loop.start();
		await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(runs).hasValue(0);

		leadership.lead();

		await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() == 1);

		leadership.leader = false;
		this.loop.wakeUp();
		await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(runs).hasValue(1);
	}

	private static final class SwitchableLeadership implements Leadership {

		volatile boolean leader;

		private final java.util.List<Runnable> actions = new java.util.concurrent.CopyOnWriteArrayList<>();

		void lead() {
			this.leader = true;
			this.actions.forEach(Runnable::run);
		}

		@Override
		public boolean isLeader() {
			return this.leader;
		}

		@Override
		public long term() {
			return 0;
		}

		@Override
		public void whenLeading(Runnable action) {
			this.actions.add(action);
		}

	}

}
