package dev.dcf.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent restarted while its containers run is the same agent and adopts them: same id
 * (from its id file), containers reported, none duplicated, restarted or recreated.
 */
@RequiresDocker
class AgentRestartIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final TestTopics topics = TestTopics.unique();

	private final Path idFile = Path.of("target", "restart-" + UUID.randomUUID(), "agent-id");

	private final DockerInspector docker = new DockerInspector();

	private String agentId;

	@AfterEach
	void cleanUp() {
		if (this.agentId != null) {
			this.docker.removeAllOf(this.agentId);
		}
		this.docker.close();
	}

	@Test
	void aRestartedAgentKeepsItsIdAndAdoptsItsRunningContainers() throws Exception {
		TestImages.ensureBuilt();
		Map<String, String> settings = Map.of("dcf.agent.id-file", this.idFile.toString());
		String jobId = Instructions.newJobId();
		JobInstruction create = null;
		JobStatus started;
		long lastSequenceBefore;
		try (Instructions instructions = new Instructions(this.topics.instructions());
				Collector<JobStatus> jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
				Collector<AgentStatus> agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class)) {
			try (TestAgent first = TestAgent.start(this.topics, settings)) {
				this.agentId = first.id();
				assertThat(Files.readString(this.idFile).strip()).isEqualTo(this.agentId);
				create = Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 2, Map.of());
				instructions.send(create);
				started = jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED,
						WAIT);
			}
			AgentStatus stopping = agentStatus.await((s) -> s.getHealth() == AgentHealth.STOPPING, WAIT);
			assertThat(stopping.getAgentId()).isEqualTo(this.agentId);
			lastSequenceBefore = stopping.getSequence();
			List<InspectContainerResponse> before = inspectAll(started);
			assertThat(before).allSatisfy((c) -> assertThat(c.getState().getRunning()).isTrue());

			try (TestAgent second = TestAgent.start(this.topics, settings)) {
				assertThat(second.id()).isEqualTo(this.agentId);
				AgentStatus adopted = agentStatus.await((s) -> s.getSequence() > lastSequenceBefore, WAIT);
				assertThat(adopted.getAgentId()).isEqualTo(this.agentId);
				// other agents' containers on the same daemon are listed
				// too, with their agent
				List<ContainerInfo> own = adopted.getContainers()
					.stream()
					.filter((c) -> this.agentId.equals(c.getAgentId()))
					.toList();
				assertThat(own).extracting(ContainerInfo::getContainerId)
					.containsExactlyInAnyOrderElementsOf(ids(started));
				assertThat(own).extracting(ContainerInfo::getState).containsOnly(ContainerState.RUNNING);

				// the CREATE delivered again after the restart finds the same containers
				instructions.send(create);
				JobStatus again = jobStatus.await((s) -> s.getJobId().equals(jobId)
						&& s.getKind() == JobStatusKind.STARTED && s.getSequence() > lastSequenceBefore, WAIT);
				assertThat(again.getContainers()).extracting(ContainerInfo::getContainerId)
					.containsExactlyElementsOf(ids(started));
			}
			assertThat(this.docker.withLabel("dcf.job-id", jobId)).hasSize(2);
			List<InspectContainerResponse> after = inspectAll(started);
			for (int i = 0; i < before.size(); i++) {
				assertThat(after.get(i).getState().getRunning()).isTrue();
				assertThat(after.get(i).getState().getStartedAt()).isEqualTo(before.get(i).getState().getStartedAt());
				assertThat(after.get(i).getRestartCount()).isZero();
			}
		}
	}

	private List<InspectContainerResponse> inspectAll(JobStatus started) {
		return ids(started).stream().map(this.docker::inspect).toList();
	}

	private static List<String> ids(JobStatus status) {
		return status.getContainers().stream().map(ContainerInfo::getContainerId).toList();
	}

}
