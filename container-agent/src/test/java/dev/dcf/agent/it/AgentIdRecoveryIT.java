package dev.dcf.agent.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's id survives the loss of its id file: restarted without it, the agent finds
 * its id again on its running containers' labels, so they are not orphaned.
 */
@RequiresDocker
class AgentIdRecoveryIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final TestTopics topics = TestTopics.unique();

	private final Path idFile = Path.of("target", "id-recovery-" + UUID.randomUUID(), "agent-id");

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
	void anAgentWhoseIdFileWasDeletedTakesItsIdBackFromItsContainers() throws Exception {
		TestImages.ensureBuilt();
		Map<String, String> settings = Map.of("dcf.agent.id-file", this.idFile.toString());
		String jobId = Instructions.newJobId();
		try (Instructions instructions = new Instructions(this.topics.instructions());
				Collector<JobStatus> jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
				Collector<AgentStatus> agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class)) {
			JobStatus started;
			try (TestAgent first = TestAgent.start(this.topics, settings)) {
				this.agentId = first.id();
				instructions.send(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 1, Map.of()));
				started = jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED,
						WAIT);
			}
			assertThat(this.docker.withLabel("dcf.job-id", jobId)).singleElement()
				.satisfies((c) -> assertThat(c.getLabels()).containsEntry("dcf.agent-id-file",
						this.idFile.toAbsolutePath().normalize().toString()));
			Files.delete(this.idFile);

			try (TestAgent second = TestAgent.start(this.topics, settings)) {
				assertThat(second.id()).isEqualTo(this.agentId);
				assertThat(Files.readString(this.idFile).strip()).isEqualTo(this.agentId);
				String containerId = started.getContainers().get(0).getContainerId();
				AgentStatus status = agentStatus.await(
						(s) -> s.getAgentId().equals(this.agentId)
								&& s.getContainers().stream().anyMatch((c) -> c.getContainerId().equals(containerId)),
						WAIT);
				assertThat(status.getContainers()).filteredOn((c) -> c.getContainerId().equals(containerId))
					.singleElement()
					.extracting(ContainerInfo::getAgentId)
					.isEqualTo(this.agentId);
			}
		}
	}

}
