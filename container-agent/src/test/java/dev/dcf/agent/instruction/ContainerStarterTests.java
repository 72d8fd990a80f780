package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.HealthCheck;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.StartFailure;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.runtime.RegistryCredentials;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerStarterTests {

	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC);

	private final FakeRuntime runtime = new FakeRuntime();

	private CheckResult diskCheck = CheckResult.passed("disk", "plenty");

	private final HealthMonitor health = new HealthMonitor(List.of(new HealthCheck() {
		@Override
		public String name() {
			return "disk";
		}

		@Override
		public CheckResult check() {
			return ContainerStarterTests.this.diskCheck;
		}
	}), Duration.ofSeconds(2), CLOCK);

	@AfterEach
	void closeMonitor() {
		this.health.close();
	}

	@Test
	void startsAllContainersAndReportsThem() {
		this.runtime.localImages.add("dcf/gen:1");
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 3));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.STARTED);
		assertThat(report.instructionId()).isEqualTo("i-job-1-1");
		assertThat(report.failure()).isNull();
		assertThat(report.runNumber()).isEqualTo(1);
		assertThat(report.timestamp()).isEqualTo(CLOCK.instant());
		assertThat(report.containers()).extracting(ContainerReport::name)
			.containsExactly("dcf-job-1-0", "dcf-job-1-1", "dcf-job-1-2");
		assertThat(report.containers()).extracting(ContainerReport::index).containsExactly(0, 1, 2);
		assertThat(report.containers())
			.allSatisfy((c) -> assertThat(c.state()).isEqualTo(ContainerReport.State.RUNNING));
		assertThat(this.runtime.pulls).isEmpty();
	}

	@Test
	void refusesWhileUnhealthyNamingTheFailedChecks() {
		this.runtime.localImages.add("dcf/gen:1");
		this.diskCheck = CheckResult.failed("disk", "low disk: 10 MB free");
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.AGENT_UNHEALTHY);
		assertThat(report.reason()).isEqualTo("agent agent-1 is unhealthy: disk: low disk: 10 MB free");
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void refusesAnImageNotOnTheAllowList() {
		this.runtime.localImages.add("dcf/gen:1");
		JobReport report = starter(PullPolicy.ALWAYS, List.of("trusted/*", "registry.example.com/**"))
			.start(create("job-1", 1, 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.IMAGE_NOT_ALLOWED);
		assertThat(report.reason()).isEqualTo(
				"image 'dcf/gen:1' is not allowed on agent agent-1 (allowed: trusted/*, registry.example.com/**)");
		assertThat(this.runtime.pulls).isEmpty();
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void pullsAMissingImageWithTheCredentialsOfItsRegistry() {
		this.runtime.pullableImages.add("registry.example.com:5000/team/gen:2");
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of())
			.start(create("job-1", 1, 1, "registry.example.com:5000/team/gen:2"));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.STARTED);
		assertThat(this.runtime.pulls).containsExactly("registry.example.com:5000/team/gen:2");
		assertThat(this.runtime.pullCredentials.get("registry.example.com:5000/team/gen:2"))
			.hasValue(new RegistryCredentials("registry.example.com:5000", "robot", "s3cret"));
	}

	@Test
	void pullPolicyAlwaysPullsAPresentImage() {
		this.runtime.localImages.add("dcf/gen:1");
		this.runtime.pullableImages.add("dcf/gen:1");
		starter(PullPolicy.ALWAYS, List.of()).start(create("job-1", 1, 1));
		assertThat(this.runtime.pulls).containsExactly("dcf/gen:1");
		assertThat(this.runtime.pullCredentials.get("dcf/gen:1")).isEmpty();
	}

	@Test
	void anImageThatCannotBePulledFailsWithTheReasonAndLeavesNothing() {
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 2));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(report.reason()).isEqualTo("cannot pull image 'dcf/gen:1': image dcf/gen:1 not found");
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void whenOneContainerFailsTheOthersOfTheInstructionAreRemoved() {
		this.runtime.localImages.add("dcf/gen:1");
		this.runtime.failingNames.add("dcf-job-1-2");
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 4));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.RUNTIME_ERROR);
		assertThat(report.reason()).isEqualTo("container dcf-job-1-2 (3 of 4) failed to start: daemon refused "
				+ "dcf-job-1-2; removed the containers of this instruction");
		assertThat(this.runtime.created).containsExactly("dcf-job-1-0", "dcf-job-1-1");
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void createDeliveredTwiceStartsContainersOnce() {
		this.runtime.localImages.add("dcf/gen:1");
		ContainerStarter starter = starter(PullPolicy.IF_NOT_PRESENT, List.of());
		JobReport first = starter.start(create("job-1", 1, 2));
		JobReport second = starter.start(create("job-1", 1, 2));
		assertThat(second.kind()).isEqualTo(JobReport.Kind.STARTED);
		assertThat(second.containers()).extracting(ContainerReport::containerId)
			.containsExactlyElementsOf(first.containers().stream().map(ContainerReport::containerId).toList());
		assertThat(this.runtime.created).hasSize(2);
	}

	@Test
	void anExitedContainerOfTheSameRunIsReportedNotRestarted() {
		this.runtime.localImages.add("dcf/gen:1");
		ManagedContainer exited = this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 1),
				ContainerStatus.EXITED, 3);
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.STARTED);
		assertThat(report.containers()).singleElement().satisfies((c) -> {
			assertThat(c.containerId()).isEqualTo(exited.id());
			assertThat(c.state()).isEqualTo(ContainerReport.State.EXITED);
			assertThat(c.exitCode()).isEqualTo(3);
		});
		assertThat(this.runtime.created).isEmpty();
	}

	@Test
	void containersOfAnOlderRunAreReplaced() {
		this.runtime.localImages.add("dcf/gen:1");
		ManagedContainer old = this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 1),
				ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-1-1", labels("job-1", "agent-1", 1, 1), ContainerStatus.RUNNING, null);
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 2, 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.STARTED);
		assertThat(report.containers()).singleElement().satisfies((c) -> {
			assertThat(c.runNumber()).isEqualTo(2);
			assertThat(c.containerId()).isNotEqualTo(old.id());
		});
		assertThat(this.runtime.containers.keySet()).containsExactly("dcf-job-1-0");
	}

	@Test
	void anInstructionOlderThanTheRunningContainersIsRefusedAsStale() {
		this.runtime.localImages.add("dcf/gen:1");
		this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 5), ContainerStatus.RUNNING, null);
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 4, 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.STALE_INSTRUCTION);
		assertThat(report.reason())
			.isEqualTo("stale instruction: run 5 of job job-1 already has containers here, this is run 4");
		assertThat(this.runtime.containers.get("dcf-job-1-0").labels()).containsEntry("dcf.run", "5");
	}

	@Test
	void refusesWhenTheAgentWouldRunMoreThanMaxContainers() {
		this.runtime.localImages.add("dcf/gen:1");
		for (int i = 0; i < 4; i++) {
			this.runtime.add("dcf-other-" + i, labels("other", "agent-1", i, 1), ContainerStatus.RUNNING, null);
		}
		this.runtime.add("dcf-done-0", labels("done", "agent-1", 0, 1), ContainerStatus.EXITED, 0);
		JobReport refused = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 2));
		assertThat(refused.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(refused.failure()).isEqualTo(StartFailure.NO_CAPACITY);
		assertThat(refused.reason())
			.isEqualTo("not enough capacity on agent agent-1: 4 of at most 5 containers active, the job needs 2");
		JobReport fits = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 1));
		assertThat(fits.kind()).isEqualTo(JobReport.Kind.STARTED);
	}

	@Test
	void invalidInstructionsAreRefusedBeforeTouchingDocker() {
		this.runtime.daemonDown = true;
		JobReport report = starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 0));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isEqualTo(StartFailure.INVALID_INSTRUCTION);
		assertThat(report.reason())
			.isEqualTo("invalid instruction: the instruction asks for 0 containers (at least 1)");
	}

	@Test
	void specsCarryTheAgentsNetworkAndHardening() {
		this.runtime.localImages.add("dcf/gen:1");
		starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 1));
		assertThat(this.runtime.specs).singleElement().satisfies((spec) -> {
			assertThat(spec.network()).isEqualTo("host");
			assertThat(spec.hardening()).isEqualTo(ContainerSpec.Hardening.DEFAULT);
		});
	}

	@Test
	void containersOfAJobWithADurationCarryTheirDeadlineStartPlusDurationPlusGrace() {
		this.runtime.localImages.add("dcf/gen:1");
		Instruction create = withDuration(create("job-1", 1, 2), Duration.ofMinutes(10));
		starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create);
		assertThat(this.runtime.specs).extracting((spec) -> spec.labels().get("dcf.deadline"))
			.containsOnly("2026-02-01T10:10:30Z");
	}

	@Test
	void aCreateDeliveredAgainAfterACrashHalfWayKeepsTheRunsDeadline() {
		this.runtime.localImages.add("dcf/gen:1");
		Map<String, String> first = new java.util.HashMap<>(labels("job-1", "agent-1", 0, 1));
		first.put("dcf.deadline", "2026-02-01T10:05:00Z");
		this.runtime.add("dcf-job-1-0", first, ContainerStatus.RUNNING, null);
		starter(PullPolicy.IF_NOT_PRESENT, List.of())
			.start(withDuration(create("job-1", 1, 2), Duration.ofMinutes(10)));
		assertThat(this.runtime.specs).singleElement()
			.satisfies((spec) -> assertThat(spec.labels()).containsEntry("dcf.deadline", "2026-02-01T10:05:00Z"));
	}

	@Test
	void containersOfAJobWithoutADurationHaveNoDeadline() {
		this.runtime.localImages.add("dcf/gen:1");
		starter(PullPolicy.IF_NOT_PRESENT, List.of()).start(create("job-1", 1, 1));
		assertThat(this.runtime.specs).singleElement()
			.satisfies((spec) -> assertThat(spec.labels()).doesNotContainKey("dcf.deadline"));
	}

	static Instruction withDuration(Instruction i, Duration duration) {
		return new Instruction(i.instructionId(), i.operation(), i.agentId(), i.jobId(), i.runNumber(), i.issuedAt(),
				i.image(), i.command(), i.topic(), i.containers(), i.limits(), i.env(), i.owner(), duration);
	}

	private ContainerStarter starter(PullPolicy policy, List<String> allowed) {
		ImagePuller puller = new ImagePuller(this.runtime, policy, Duration.ofMinutes(1),
				(host) -> host.equals("registry.example.com:5000")
						? Optional.of(new RegistryCredentials(host, "robot", "s3cret")) : Optional.empty());
		ContainerSpecs specs = new ContainerSpecs("agent-1", "localhost:9092", "host", ContainerSpec.Hardening.DEFAULT);
		return new ContainerStarter(this.runtime, this.health, new ImageAllowList(allowed), puller, specs, "agent-1", 5,
				CLOCK, Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

	static Instruction create(String jobId, int run, int containers) {
		return create(jobId, run, containers, "dcf/gen:1");
	}

	static Instruction create(String jobId, int run, int containers, String image) {
		return new Instruction("i-" + jobId + "-" + run, Instruction.Operation.CREATE, "agent-1", jobId, run,
				CLOCK.instant(), image, List.of(), "sensors", containers, new Instruction.Limits(0.5, 64L << 20),
				Map.of(), null);
	}

	static Map<String, String> labels(String jobId, String agentId, int index, int run) {
		return Map.of("dcf.managed", "true", "dcf.job-id", jobId, "dcf.agent-id", agentId, "dcf.container-index",
				Integer.toString(index), "dcf.run", Integer.toString(run));
	}

}
