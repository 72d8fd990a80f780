package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartsTests {

	private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final FakeRuntime runtime = new FakeRuntime();

	private final List<JobReport> reports = new ArrayList<>();

	/** Tasks the restarts scheduled, run by the test. */
	private final List<Due> due = new ArrayList<>();

	private final ContainerSpecs specs = new ContainerSpecs("agent-1", "localhost:9092", "host",
			ContainerSpec.Hardening.DEFAULT);

	private final Restarts restarts = new Restarts(this.runtime, this.specs, new JobLocks(), new Reporter() {
		@Override
		public void send(JobReport report) {
			RestartsTests.this.reports.add(report);
		}

		@Override
		public void send(AgentReport report) {
		}
	}, this.clock, (task, delay) -> {
		Due scheduled = new Due(task, delay, new CompletableFuture<>());
		this.due.add(scheduled);
		return scheduled.future();
	});

	@Test
	void aCrashedContainerIsRestartedAfterTheDelayAsANewContainerWithTheSameSpec() {
		Instruction create = started(policy(3, 1, 2), null);
		ManagedContainer first = this.runtime.inspect("dcf-job-1-0").orElseThrow();
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(this.restarts.onExit(exited())).hasValue(new JobReport.Restart(1, 3, Duration.ofSeconds(1)));
		assertThat(this.due).singleElement().satisfies((d) -> assertThat(d.delay()).isEqualTo(Duration.ofSeconds(1)));
		runDue();
		ManagedContainer second = this.runtime.inspect("dcf-job-1-0").orElseThrow();
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(second.state()).isEqualTo(ManagedContainer.ContainerStatus.RUNNING);
		assertThat(this.runtime.specs).hasSize(2)
			.allSatisfy((spec) -> assertThat(spec).isEqualTo(this.specs.spec(create, 0)));
		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.kind()).isEqualTo(JobReport.Kind.STARTED);
			assertThat(report.instructionId()).isNull();
			assertThat(report.restart()).isEqualTo(new JobReport.Restart(1, 3, Duration.ofSeconds(1)));
			assertThat(report.containers()).singleElement()
				.satisfies((c) -> assertThat(c.containerId()).isEqualTo(second.id()));
		});
	}

	@Test
	void aCrashingContainerIsRestartedThreeTimesWithGrowingDelaysThenItsExitIsReported() {
		started(policy(3, 1, 2), null);
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			this.runtime.exit("dcf-job-1-0", 1);
			delays.add(this.restarts.onExit(exited()).orElseThrow().delay());
			runDue();
		}
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(this.restarts.onExit(exited())).isEmpty();
		assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2));
	}

	@Test
	void theSameExitAskedAboutTwiceIsOneRestart() {
		started(policy(3, 1, 2), null);
		this.runtime.exit("dcf-job-1-0", 1);
		this.restarts.onExit(exited());
		assertThat(this.restarts.onExit(exited())).hasValue(new JobReport.Restart(1, 3, Duration.ofSeconds(1)));
		assertThat(this.due).hasSize(1);
	}

	@Test
	void aDeleteCancelsAPendingRestart() {
		started(policy(3, 1, 2), null);
		this.runtime.exit("dcf-job-1-0", 1);
		String exitedId = exited().id();
		this.restarts.onExit(exited());
		this.restarts.cancel("job-1");
		assertThat(this.due).singleElement().satisfies((d) -> assertThat(d.future().isCancelled()).isTrue());
		// even a task that was already running when cancelled does nothing
		runDue();
		assertThat(this.runtime.inspect("dcf-job-1-0").orElseThrow().id()).isEqualTo(exitedId);
		assertThat(this.reports).isEmpty();
	}

	@Test
	void aContainerRemovedMeanwhileIsNotStartedAgain() {
		started(policy(3, 1, 2), null);
		this.runtime.exit("dcf-job-1-0", 1);
		this.restarts.onExit(exited());
		this.runtime.remove("dcf-job-1-0");
		runDue();
		assertThat(this.runtime.inspect("dcf-job-1-0")).isEmpty();
		assertThat(this.reports).isEmpty();
	}

	@Test
	void theDeadlineWinsOverARestart() {
		started(policy(3, 5, 10), T0.plusSeconds(30));
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(this.restarts.onExit(exited())).isPresent();
		// the restart is due after the deadline (the clock jumped): it does not happen
		this.clock.advance(Duration.ofSeconds(31));
		runDue();
		assertThat(this.runtime.inspect("dcf-job-1-0").orElseThrow().state())
			.isEqualTo(ManagedContainer.ContainerStatus.EXITED);
		// the next one would start after the deadline: no restart, the exit is reported
		this.runtime.remove("dcf-job-1-0");
		started(policy(3, 5, 10), T0.plusSeconds(34));
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(this.restarts.onExit(exited())).isEmpty();
	}

	@Test
	void exitCodeZeroAndRunsWithoutAPolicyAreNotRestarted() {
		started(policy(3, 1, 2), null);
		this.runtime.exit("dcf-job-1-0", 0);
		assertThat(this.restarts.onExit(exited())).isEmpty();
		this.runtime.remove("dcf-job-1-0");
		Instruction run2 = create(2, Instruction.Restart.NONE);
		this.runtime.createAndStart(this.specs.spec(run2, 0));
		this.restarts.started(run2);
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(this.restarts.onExit(exited())).isEmpty();
		assertThat(this.due).isEmpty();
	}

	@Test
	void anExitOfAnOlderRunIsNotRestarted() {
		started(policy(3, 1, 2), null);
		this.runtime.exit("dcf-job-1-0", 1);
		ManagedContainer old = exited();
		Instruction run2 = create(2, policy(3, 1, 2));
		this.restarts.started(run2);
		assertThat(this.restarts.onExit(old)).isEmpty();
	}

	private Instruction started(Instruction.Restart policy, Instant deadline) {
		Instruction create = create(1, policy);
		this.runtime.localImages.add(create.image());
		this.runtime.createAndStart(this.specs.spec(create, 0, deadline));
		this.restarts.started(create);
		return create;
	}

	private static Instruction create(int run, Instruction.Restart policy) {
		return new Instruction("i-" + run, Instruction.Operation.CREATE, "agent-1", "job-1", run, T0, "dcf/gen:1",
				List.of("sh", "-c", "exit 1"), "sensors", 1, null, Map.of("RATE", "5"), "alice", null, null, policy);
	}

	private ManagedContainer exited() {
		ManagedContainer container = this.runtime.inspect("dcf-job-1-0").orElseThrow();
		assertThat(container.labels()).containsEntry(ManagedLabels.JOB_ID, "job-1");
		return container;
	}

	private void runDue() {
		List<Due> now = List.copyOf(this.due);
		this.due.clear();
		now.forEach((d) -> d.task().run());
	}

	private static Instruction.Restart policy(int attempts, long delaySeconds, long maxDelaySeconds) {
		return RestartBudgetTests.policy(attempts, Duration.ofMinutes(10), delaySeconds, maxDelaySeconds);
	}

	private record Due(Runnable task, Duration delay, Future<?> future) {
	}

}
