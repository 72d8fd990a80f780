package dev.dcf.agent.instruction;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.Test;

import static dev.dcf.agent.instruction.ContainerStarterTests.CLOCK;
import static dev.dcf.agent.instruction.ContainerStarterTests.labels;
import static org.assertj.core.api.Assertions.assertThat;

class ContainerRemoverTests {

	private final FakeRuntime runtime = new FakeRuntime();

	private final ContainerRemover remover = new ContainerRemover(this.runtime, Duration.ofSeconds(10), CLOCK);

	@Test
	void stopsAndRemovesEveryContainerOfTheJob() {
		this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 1), ContainerStatus.RUNNING, null);
		this.runtime.add("dcf-job-1-1", labels("job-1", "agent-1", 1, 1), ContainerStatus.EXITED, 3);
		this.runtime.add("dcf-job-2-0", labels("job-2", "agent-1", 0, 1), ContainerStatus.RUNNING, null);
		JobReport report = this.remover.remove(delete("job-1", 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.REMOVED);
		assertThat(report.instructionId()).isEqualTo("d-job-1");
		assertThat(report.containers()).extracting(ContainerReport::name).containsExactly("dcf-job-1-0", "dcf-job-1-1");
		assertThat(report.containers()).extracting(ContainerReport::state).containsOnly(ContainerReport.State.REMOVED);
		// the exit code each ended with: 143 after SIGTERM, 3 from before
		assertThat(report.containers()).extracting(ContainerReport::exitCode).containsExactly(143, 3);
		assertThat(this.runtime.containers.keySet()).containsExactly("dcf-job-2-0");
	}

	@Test
	void deletingAgainSucceeds() {
		this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 1), ContainerStatus.RUNNING, null);
		this.remover.remove(delete("job-1", 1));
		JobReport again = this.remover.remove(delete("job-1", 1));
		assertThat(again.kind()).isEqualTo(JobReport.Kind.REMOVED);
		assertThat(again.containers()).isEmpty();
	}

	@Test
	void aStaleDeleteLeavesANewerRunRunning() {
		this.runtime.add("dcf-job-1-0", labels("job-1", "agent-1", 0, 3), ContainerStatus.RUNNING, null);
		JobReport report = this.remover.remove(delete("job-1", 2));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.REMOVED);
		assertThat(report.containers()).isEmpty();
		assertThat(this.runtime.containers).containsKey("dcf-job-1-0");
	}

	@Test
	void withoutDockerTheDeleteFailsWithTheReason() {
		this.runtime.daemonDown = true;
		JobReport report = this.remover.remove(delete("job-1", 1));
		assertThat(report.kind()).isEqualTo(JobReport.Kind.REMOVE_FAILED);
		assertThat(report.reason()).isEqualTo("cannot list containers of the job: Docker daemon not reachable (fake)");
	}

	static Instruction delete(String jobId, int run) {
		return new Instruction("d-" + jobId, Instruction.Operation.DELETE, "agent-1", jobId, run, CLOCK.instant(), null,
				List.of(), null, 0, null, Map.of(), null);
	}

}
