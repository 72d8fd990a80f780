package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.HealthCheck;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.StartFailure;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import dev.dcf.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunnerTests {

	static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	static final String NAME = "dcf-dry-run-1-0";

	private final MutableClock clock = new MutableClock(T0);

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

	/** What the container does at each look while it runs; by default it runs on. */
	private Runnable whileRunning = () -> {
	};

	private final List<Duration> pauses = new ArrayList<>();

	@AfterEach
	void closeMonitor() {
		this.health.close();
	}

	@Test
	void aContainerThatRunsOnIsStoppedAtTheDryRunTimeThenReportedWithItsOutputAndRemoved() {
		this.runtime.localImages.add("dcf/gen:1");
		this.runtime.logs.put(NAME, List.of("connecting", "wrote 10 records"));

		JobReport report = runner(List.of()).run(dryRun("dcf/gen:1"));

		assertThat(report.kind()).isEqualTo(JobReport.Kind.DRY_RUN_DONE);
		assertThat(report.instructionId()).isEqualTo("i-dry-run-1");
		assertThat(report.failure()).isNull();
		assertThat(report.reason()).isEqualTo("stopped by the agent after the dry-run time of 10 s");
		assertThat(report.containers()).singleElement().satisfies((container) -> {
			assertThat(container.exitCode()).isEqualTo(143);
			assertThat(container.state()).isEqualTo(ContainerReport.State.EXITED);
		});
		assertThat(report.output()).isEqualTo("connecting\nwrote 10 records");
		assertThat(this.clock.instant()).isEqualTo(T0.plusSeconds(10));
		assertThat(this.pauses).allSatisfy((pause) -> assertThat(pause).isLessThanOrEqualTo(DryRunner.POLL));
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void theContainerIsMarkedAsADryRunWithADeadlineAndWritesToTheScratchTopic() {
		this.runtime.localImages.add("dcf/gen:1");

		runner(List.of()).run(dryRun("dcf/gen:1"));

		ContainerSpec spec = this.runtime.specs.get(0);
		assertThat(spec.name()).isEqualTo(NAME);
		assertThat(spec.labels()).containsEntry("dcf.dry-run", "true")
			.containsEntry("dcf.job-id", "dry-run-1")
			.containsEntry("dcf.agent-id", "agent-1")
			.containsEntry("dcf.deadline", T0.plusSeconds(10 + 30).toString());
		assertThat(spec.env()).containsEntry("KAFKA_TOPIC", "dcf-dry-run-1")
			.containsEntry("DCF_CONTAINER_COUNT", "1")
			.containsEntry("RATE", "5");
		assertThat(spec.memoryBytes()).isEqualTo(64L << 20);
	}

	@Test
	void aContainerThatExitsByItselfIsReportedAtOnceWithItsExitCode() {
		this.runtime.localImages.add("dcf/gen:1");
		this.runtime.logs.put(NAME, List.of("bad config: RATE"));
		this.whileRunning = () -> this.runtime.exit(NAME, 1);

		JobReport report = runner(List.of()).run(dryRun("dcf/gen:1"));

		assertThat(report.reason()).isEqualTo("exited by itself with code 1");
		assertThat(report.containers()).singleElement()
			.satisfies((container) -> assertThat(container.exitCode()).isEqualTo(1));
		assertThat(report.output()).isEqualTo("bad config: RATE");
		assertThat(this.clock.instant()).isEqualTo(T0.plus(DryRunner.POLL));
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void anImageThatCannotBePulledIsReportedWithoutAContainerAndThePullGetsOnlyTheDryRunTime() {
		JobReport report = runner(List.of()).run(dryRun("dcf/missing:1"));

		assertThat(report.kind()).isEqualTo(JobReport.Kind.DRY_RUN_DONE);
		assertThat(report.failure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(report.reason()).isEqualTo("cannot pull image 'dcf/missing:1': image dcf/missing:1 not found");
		assertThat(report.containers()).isEmpty();
		assertThat(report.output()).isNull();
		assertThat(this.runtime.pullTimeouts).containsExactly(Duration.ofSeconds(10));
		assertThat(this.runtime.created).isEmpty();
	}

	@Test
	void anImageNotOnTheAllowListIsRefusedWithoutAPull() {
		JobReport report = runner(List.of("trusted/*")).run(dryRun("dcf/gen:1"));

		assertThat(report.failure()).isEqualTo(StartFailure.IMAGE_NOT_ALLOWED);
		assertThat(this.runtime.pulls).isEmpty();
		assertThat(this.runtime.created).isEmpty();
	}

	@Test
	void aFullAgentRefusesTheDryRun() {
		this.runtime.localImages.add("dcf/gen:1");
		IntStream.range(0, 5)
			.forEach((index) -> this.runtime.add("dcf-job-" + index + "-0",
					ContainerStarterTests.labels("job-" + index, "agent-1", 0, 1), ContainerStatus.RUNNING, null));

		JobReport report = runner(List.of()).run(dryRun("dcf/gen:1"));

		assertThat(report.failure()).isEqualTo(StartFailure.NO_CAPACITY);
		assertThat(report.reason()).contains("5 of at most 5 containers active");
		assertThat(this.runtime.created).isEmpty();
	}

	@Test
	void aDryRunAskedForLongAgoIsNotCarriedOut() {
		this.runtime.localImages.add("dcf/gen:1");
		this.clock.advance(Duration.ofMinutes(2));

		JobReport report = runner(List.of()).run(dryRun("dcf/gen:1"));

		assertThat(report.failure()).isEqualTo(StartFailure.STALE_INSTRUCTION);
		assertThat(this.runtime.created).isEmpty();
	}

	@Test
	void theOutputKeepsItsEndWithinTheBound() {
		this.runtime.localImages.add("dcf/gen:1");
		String line = "x".repeat(999);
		this.runtime.logs.put(NAME, IntStream.range(0, 60).mapToObj((index) -> index + line).toList());

		JobReport report = runner(List.of()).run(dryRun("dcf/gen:1"));

		assertThat(report.output()).hasSize(DryRunner.OUTPUT_CHARS).endsWith("59" + line);
	}

	private DryRunner runner(List<String> allowed) {
		ContainerSpecs specs = new ContainerSpecs("agent-1", "localhost:9092", "host", ContainerSpec.Hardening.DEFAULT);
		Pause pause = (duration) -> {
			this.pauses.add(duration);
			this.clock.advance(duration);
			this.whileRunning.run();
		};
		return new DryRunner(this.runtime, this.health, new ImageAllowList(allowed),
				(timeout) -> new ImagePuller(this.runtime, PullPolicy.IF_NOT_PRESENT, timeout,
						(host) -> Optional.empty(), PullFollower.NONE, this.clock, pause),
				specs, new DryRunner.Settings("agent-1", 5, Duration.ofSeconds(5), Duration.ofSeconds(10),
						Duration.ofSeconds(2), Duration.ofSeconds(30)),
				this.clock, pause);
	}

	static Instruction dryRun(String image) {
		return new Instruction("i-dry-run-1", Instruction.Operation.DRY_RUN, "agent-1", "dry-run-1", 0, T0, image,
				List.of(), "dcf-dry-run-1", 1, new Instruction.Limits(0.5, 64L << 20), Map.of("RATE", "5"), "alice");
	}

}
