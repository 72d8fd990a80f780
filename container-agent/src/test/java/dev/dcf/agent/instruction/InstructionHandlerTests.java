package dev.dcf.agent.instruction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.dcf.agent.config.AgentProperties.PullPolicy;
import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.HealthCheck;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.dcf.agent.instruction.ContainerStarterTests.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

class InstructionHandlerTests {

	private final FakeRuntime runtime = new FakeRuntime();

	private final List<JobReport> reports = new ArrayList<>();

	private final HealthMonitor health = new HealthMonitor(List.of(new HealthCheck() {
		@Override
		public String name() {
			return "always";
		}

		@Override
		public CheckResult check() {
			return CheckResult.passed("always", "fine");
		}
	}), Duration.ofSeconds(2), CLOCK);

	private final InstructionHandler handler = handler();

	@AfterEach
	void closeMonitor() {
		this.health.close();
	}

	@Test
	void instructionsForAnotherAgentAreIgnored() {
		this.runtime.localImages.add("dcf/gen:1");
		this.handler.handle(new Instruction("i-1", Instruction.Operation.CREATE, "agent-2", "job-1", 1, Instant.EPOCH,
				"dcf/gen:1", List.of(), "t", 1, null, Map.of(), null));
		assertThat(this.reports).isEmpty();
		assertThat(this.runtime.containers).isEmpty();
	}

	@Test
	void everyInstructionForThisAgentIsAnsweredOnce() {
		this.runtime.localImages.add("dcf/gen:1");
		this.handler.handle(ContainerStarterTests.create("job-1", 1, 1));
		this.handler.handle(ContainerRemoverTests.delete("job-1", 1));
		assertThat(this.reports).extracting(JobReport::kind)
			.containsExactly(JobReport.Kind.STARTED, JobReport.Kind.REMOVED);
	}

	@Test
	void anUnknownOperationIsIgnored() {
		this.handler.handle(new Instruction("i-1", Instruction.Operation.UNKNOWN, "agent-1", "job-1", 1, Instant.EPOCH,
				null, List.of(), null, 0, null, Map.of(), null));
		assertThat(this.reports).isEmpty();
	}

	@Test
	void aDeleteCancelsThePendingRestartsOfItsJob() {
		this.runtime.localImages.add("dcf/gen:1");
		List<CompletableFuture<?>> pending = new ArrayList<>();
		Restarts restarts = new Restarts(this.runtime,
				new ContainerSpecs("agent-1", "localhost:9092", "host", ContainerSpec.Hardening.DEFAULT),
				new JobLocks(), (Reporter) null, CLOCK, (task, delay) -> {
					CompletableFuture<?> future = new CompletableFuture<>();
					pending.add(future);
					return future;
				});
		InstructionHandler handler = handler(restarts);
		Instruction create = ContainerStarterTests.create("job-1", 1, 1);
		handler.handle(new Instruction(create.instructionId(), create.operation(), create.agentId(), create.jobId(),
				create.runNumber(), create.issuedAt(), create.image(), create.command(), create.topic(),
				create.containers(), create.limits(), create.env(), create.owner(), null, null,
				new Instruction.Restart(3, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMinutes(1))));
		this.runtime.exit("dcf-job-1-0", 1);
		assertThat(restarts.onExit(this.runtime.inspect("dcf-job-1-0").orElseThrow())).isPresent();

		handler.handle(ContainerRemoverTests.delete("job-1", 1));

		assertThat(pending).singleElement().satisfies((future) -> assertThat(future.isCancelled()).isTrue());
		assertThat(this.runtime.inspect("dcf-job-1-0")).isEmpty();
	}

	private InstructionHandler handler() {
		return handler(null);
	}

	private InstructionHandler handler(Restarts restarts) {
		ContainerStarter starter = new ContainerStarter(this.runtime, this.health, new ImageAllowList(List.of()),
				new ImagePuller(this.runtime, PullPolicy.IF_NOT_PRESENT, Duration.ofMinutes(1),
						(host) -> Optional.empty()),
				new ContainerSpecs("agent-1", "localhost:9092", "host", ContainerSpec.Hardening.DEFAULT), "agent-1", 10,
				CLOCK, Duration.ofSeconds(5));
		ContainerRemover remover = new ContainerRemover(this.runtime, Duration.ofSeconds(1), CLOCK);
		Reporter reporter = new Reporter() {
			@Override
			public void send(JobReport report) {
				InstructionHandlerTests.this.reports.add(report);
			}

			@Override
			public void send(AgentReport report) {
			}
		};
		return new InstructionHandler("agent-1", starter, remover, new JobLocks(), reporter, null, restarts);
	}

}
