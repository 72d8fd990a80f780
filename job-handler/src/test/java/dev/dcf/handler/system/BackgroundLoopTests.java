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

}
