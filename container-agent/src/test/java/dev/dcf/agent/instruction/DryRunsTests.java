package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.HealthCheck;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.StartFailure;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DryRunsTests {

	private final MutableClock clock = new MutableClock(DryRunnerTests.T0);

	private final FakeRuntime runtime = new FakeRuntime();

	private final HealthMonitor health = new HealthMonitor(List.of(new HealthCheck() {
		@Override
		public String name() {
			return "disk";
		}

		@Override
		public CheckResult check() {
			return CheckResult.passed("disk", "plenty");
		}
	}), Duration.ofSeconds(2), this.clock);

	private final List<JobReport> reports = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final DryRuns dryRuns = new DryRuns(runner(), new Reporter() {
		@Override
		public void send(JobReport report) {
			DryRunsTests.this.reports.add(report);
		}

		@Override
		public void send(AgentReport report) {
		}
	}, this.clock);

	@AfterEach
	void close() {
		this.release.countDown();
		this.dryRuns.close();
		this.health.close();
	}

	@Test
	void theCallerDoesNotWaitForTheDryRunWhoseAnswerFollows() {
		this.runtime.localImages.add("dcf/gen:1");

		this.dryRuns.submit(DryRunnerTests.dryRun("dcf/gen:1"));

		assertThat(this.reports).isEmpty();
		this.release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.reports.isEmpty());
		assertThat(this.reports).singleElement()
			.satisfies((report) -> assertThat(report.kind()).isEqualTo(JobReport.Kind.DRY_RUN_DONE));
	}

	@Test
	void oneMoreThanRunningAndWaitingIsRefusedAtOnce() {
		this.runtime.localImages.add("dcf/gen:1");

		for (int i = 0; i < DryRuns.THREADS + DryRuns.QUEUED + 1; i++) {
			this.dryRuns.submit(DryRunnerTests.dryRun("dcf/gen:1"));
		}

		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.kind()).isEqualTo(JobReport.Kind.DRY_RUN_DONE);
			assertThat(report.failure()).isEqualTo(StartFailure.NO_CAPACITY);
			assertThat(report.reason()).startsWith("too many dry runs at once");
		});
	}

	/** A runner whose containers run until the test releases them. */
	private DryRunner runner() {
		Pause held = (duration) -> {
			if (!this.release.await(10, TimeUnit.SECONDS)) {
				throw new InterruptedException("not released");
			}
			this.clock.advance(Duration.ofSeconds(10));
		};
		return new DryRunner(this.runtime, this.health, new ImageAllowList(List.of()),
				(timeout) -> new ImagePuller(this.runtime, PullPolicy.IF_NOT_PRESENT, timeout,
						(host) -> Optional.empty()),
				new ContainerSpecs("agent-1", "localhost:9092", "host", ContainerSpec.Hardening.DEFAULT),
				new DryRunner.Settings("agent-1", 20, Duration.ofSeconds(5), Duration.ofSeconds(10),
						Duration.ofSeconds(2), Duration.ofSeconds(30)),
				this.clock, held);
	}

}
