package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.dcf.agent.instruction.ContainerStarterTests.CLOCK;
import static dev.dcf.agent.instruction.ContainerStarterTests.labels;
import static org.assertj.core.api.Assertions.assertThat;

class ShutdownCleanupTests {

	private final FakeRuntime runtime = new FakeRuntime();

	private final List<JobReport> reports = new CopyOnWriteArrayList<>();

	private final Reporter reporter = new Reporter() {

		@Override
		public void send(JobReport report) {
			ShutdownCleanupTests.this.reports.add(report);
		}

		@Override
		public void send(AgentReport report) {
			throw new UnsupportedOperationException();
		}

	};

	@BeforeEach
	void containers() {
		this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 2), ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-1-1", labels("job-1", "agent-1", 1, 2), ContainerStatus.EXITED, 3);
		// left from an older run of the same job
		this.runtime.add("dcf-job-1-old", labels("job-1", "agent-1", 0, 1), ContainerStatus.EXITED, 0);
		this.runtime.add("dcf-job-2-0", labels("job-2", "agent-1", 0, 1), ContainerStatus.RUNNING, null);
		// another agent on the same daemon
		this.runtime.add("dcf-job-3-0", labels("job-3", "agent-2", 0, 1), ContainerStatus.RUNNING, null);
	}

	@Test
	void switchedOffItLeavesEveryContainerAlone() {
		cleanup(false).stop();
		assertThat(this.runtime.containers).hasSize(5);
		assertThat(this.reports).isEmpty();
	}

	@Test
	void switchedOnItRemovesEveryContainerOfTheAgentAndReportsEachJobRemoved() {
		cleanup(true).stop();
		assertThat(this.runtime.containers.keySet()).containsExactly("dcf-job-3-0");
		assertThat(this.reports).extracting(JobReport::jobId).containsExactlyInAnyOrder("job-1", "job-2");
		JobReport job1 = this.reports.stream().filter((r) -> r.jobId().equals("job-1")).findFirst().orElseThrow();
		assertThat(job1.kind()).isEqualTo(JobReport.Kind.REMOVED);
		// reported for the newest run: the handler ignores reports of older runs
		assertThat(job1.runNumber()).isEqualTo(2);
		assertThat(job1.instructionId()).isNull();
		assertThat(job1.reason()).isEqualTo("agent agent-1 shut down and removed its containers");
		assertThat(job1.containers()).extracting(ContainerReport::name)
			.containsExactly("dcf-job-1-0", "dcf-job-1-1", "dcf-job-1-old");
		assertThat(job1.containers()).extracting(ContainerReport::state).containsOnly(ContainerReport.State.REMOVED);
		assertThat(job1.containers()).extracting(ContainerReport::exitCode).containsExactly(143, 3, 0);
	}

	@Test
	void withoutDockerItGivesUpQuietly() {
		this.runtime.daemonDown = true;
		cleanup(true).stop();
		assertThat(this.reports).isEmpty();
		assertThat(this.runtime.containers).hasSize(5);
	}

	@Test
	void anUndeliveredReportDoesNotStopTheCleanup() {
		Reporter failing = new Reporter() {

			@Override
			public void send(JobReport report) {
				throw new dev.dcf.agent.report.ReportNotDeliveredException("broker down", null);
			}

			@Override
			public void send(AgentReport report) {
				throw new UnsupportedOperationException();
			}

		};
		new ShutdownCleanup(true, this.runtime, remover(), new JobLocks(), failing, "agent-1").stop();
		assertThat(this.runtime.containers.keySet()).containsExactly("dcf-job-3-0");
	}

	private ShutdownCleanup cleanup(boolean enabled) {
		return new ShutdownCleanup(enabled, this.runtime, remover(), new JobLocks(), this.reporter, "agent-1");
	}

	private ContainerRemover remover() {
		return new ContainerRemover(this.runtime, Duration.ofSeconds(10), CLOCK);
	}

}
