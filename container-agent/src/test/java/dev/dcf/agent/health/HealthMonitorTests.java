package dev.dcf.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC);

	private final CountDownLatch never = new CountDownLatch(1);

	private HealthMonitor monitor;

	@AfterEach
	void release() {
		this.never.countDown();
		if (this.monitor != null) {
			this.monitor.close();
		}
	}

	@Test
	void healthyWhenEveryCheckPasses() {
		HealthSnapshot snapshot = monitor(check("docker", () -> CheckResult.passed("docker", "Docker 20.10")),
				check("disk", () -> CheckResult.passed("disk", "80 GB free")))
			.evaluate();
		assertThat(snapshot.healthy()).isTrue();
		assertThat(snapshot.failed()).isEmpty();
		assertThat(snapshot.evaluatedAt()).isEqualTo(CLOCK.instant());
		assertThat(snapshot.results()).extracting(CheckResult::name).containsExactly("disk", "docker");
	}

	@Test
	void unhealthyWhenOneFailsAndTheSummaryNamesIt() {
		HealthSnapshot snapshot = monitor(check("docker", () -> CheckResult.failed("docker", "socket missing")),
				check("disk", () -> CheckResult.passed("disk", "ok")))
			.evaluate();
		assertThat(snapshot.healthy()).isFalse();
		assertThat(snapshot.failureSummary()).isEqualTo("docker: socket missing");
	}

	@Test
	void aThrowingCheckCountsAsFailedWithItsMessage() {
		HealthSnapshot snapshot = monitor(check("memory", () -> {
			throw new IllegalStateException("cannot read /proc/meminfo");
		})).evaluate();
		assertThat(snapshot.results()).singleElement()
			.isEqualTo(CheckResult.failed("memory", "cannot read /proc/meminfo"));
	}

	@Test
	void aCheckThatDoesNotAnswerInTimeCountsAsFailed() {
		HealthSnapshot snapshot = monitor(check("docker", () -> {
			try {
				this.never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return CheckResult.passed("docker", "too late");
		}), check("disk", () -> CheckResult.passed("disk", "ok"))).evaluate();
		assertThat(snapshot.healthy()).isFalse();
		assertThat(snapshot.failureSummary()).isEqualTo("docker: no answer within 200 ms");
		assertThat(snapshot.results()).contains(CheckResult.passed("disk", "ok"));
	}

	@Test
	void latestIsTheLastEvaluationAndNothingBeforeTheFirst() {
		HealthMonitor monitor = monitor(check("disk", () -> CheckResult.passed("disk", "ok")));
		assertThat(monitor.latest().healthy()).isFalse();
		assertThat(monitor.latest().results()).isEmpty();
		HealthSnapshot evaluated = monitor.evaluate();
		assertThat(monitor.latest()).isSameAs(evaluated);
	}

	@Test
	void aRecentHealthyResultIsReusedAnOldOrUnhealthyOneIsNot() {
		AtomicInteger runs = new AtomicInteger();
		AtomicReference<Instant> now = new AtomicReference<>(CLOCK.instant());
		AtomicReference<CheckResult> result = new AtomicReference<>(CheckResult.passed("disk", "ok"));
		Clock movable = new Clock() {
			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return now.get();
			}
		};
		this.monitor = new HealthMonitor(List.of(check("disk", () -> {
			runs.incrementAndGet();
			return result.get();
		})), Duration.ofMillis(200), movable);
		this.monitor.recentOrEvaluate(Duration.ofSeconds(5));
		now.set(now.get().plusSeconds(5));
		this.monitor.recentOrEvaluate(Duration.ofSeconds(5));
		assertThat(runs).hasValue(1);
		now.set(now.get().plusMillis(1));
		this.monitor.recentOrEvaluate(Duration.ofSeconds(5));
		assertThat(runs).hasValue(2);
		result.set(CheckResult.failed("disk", "low"));
		this.monitor.evaluate();
		result.set(CheckResult.passed("disk", "ok again"));
		assertThat(this.monitor.recentOrEvaluate(Duration.ofSeconds(5)).healthy()).isTrue();
		assertThat(runs).hasValue(4);
	}

	@Test
	void noChecksIsNotHealthy() {
		assertThat(monitor().evaluate().healthy()).isFalse();
	}

	private HealthMonitor monitor(HealthCheck... checks) {
		this.monitor = new HealthMonitor(List.of(checks), Duration.ofMillis(200), CLOCK);
		return this.monitor;
	}

	private static HealthCheck check(String name, Supplier<CheckResult> result) {
		return new HealthCheck() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public CheckResult check() {
				return result.get();
			}
		};
	}

}
