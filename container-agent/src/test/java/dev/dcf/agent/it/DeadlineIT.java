package dev.dcf.agent.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.model.Container;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.RemovalCause;
import dev.dcf.standalone.embedded.EmbeddedKafka;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deadlines hold without the handler and without Kafka: the agent removes a job's
 * containers once its duration plus the grace has passed, while its broker is down, and
 * reports it once the broker is back. The agent has a broker of its own (the schemas stay
 * in the shared registry), so stopping it touches no other test.
 */
@RequiresDocker
class DeadlineIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final TestTopics topics = TestTopics.unique();

	private final String agentId = "it-deadline-" + UUID.randomUUID().toString().substring(0, 8);

	private final DockerInspector docker = new DockerInspector();

	private final EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build();

	private TestAgent agent;

	@AfterEach
	void tearDown() {
		if (this.agent != null) {
			this.agent.close();
		}
		this.kafka.close();
		this.docker.removeAllOf(this.agentId);
		this.docker.close();
	}

	@Test
	void theAgentRemovesContainersPastTheirDeadlineWhileCutOffFromKafkaAndReportsItWhenKafkaIsBack() {
		TestImages.ensureBuilt();
		this.kafka.start();
		String bootstrap = this.kafka.bootstrapServers();
		this.agent = TestAgent.start(this.topics, Map.of("spring.kafka.bootstrap-servers", bootstrap, "dcf.agent.id",
				this.agentId, "dcf.agent.deadline-grace", "2s"));
		String jobId = Instructions.newJobId();
		try (Instructions instructions = new Instructions(this.topics.instructions(), bootstrap);
				Collector<JobStatus> jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class, bootstrap)) {
			JobInstruction create = Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 2, Map.of());
			create.setDurationSeconds(10L);
			Instant sent = Instant.now();
			instructions.send(create);
			JobStatus started = jobStatus
				.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED, WAIT);
			assertThat(started.getContainers()).extracting(ContainerInfo::getDeadline).doesNotContainNull();
			Instant deadline = started.getContainers().get(0).getDeadline();
			// run start (when the agent started the first container) + 10 s + 2 s grace
			assertThat(deadline).isBetween(sent.plusSeconds(12), Instant.now().plusSeconds(12));
			assertThat(this.docker.withLabel("dcf.job-id", jobId)).extracting(Container::getLabels)
				.allSatisfy((labels) -> assertThat(labels).containsEntry("dcf.deadline", deadline.toString()));

			this.kafka.stop();
			Awaitility.await()
				.atMost(WAIT)
				.pollInterval(Duration.ofMillis(200))
				.until(() -> this.docker.withLabel("dcf.job-id", jobId).isEmpty());
			assertThat(Instant.now()).isAfterOrEqualTo(deadline);
			assertThat(this.kafka.isRunning()).isFalse();

			this.kafka.start();
			JobStatus removed = jobStatus.await(
					(s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.REMOVED, Duration.ofSeconds(120));
			assertThat(removed.getAgentId()).isEqualTo(this.agentId);
			assertThat(removed.getRunNumber()).isEqualTo(1);
			assertThat(removed.getInstructionId()).isNull();
			assertThat(removed.getRemoval()).isEqualTo(RemovalCause.DEADLINE);
			assertThat(removed.getReason())
				.isEqualTo("duration reached (deadline " + deadline + "), removed by the agent");
			assertThat(removed.getContainers()).extracting(ContainerInfo::getContainerId)
				.containsExactlyInAnyOrderElementsOf(
						started.getContainers().stream().map(ContainerInfo::getContainerId).toList());
			assertThat(removed.getContainers()).extracting(ContainerInfo::getState)
				.containsOnly(ContainerState.REMOVED);
			// removed by the agent, not exited on their own
			assertThat(
					jobStatus.all((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.CONTAINER_EXITED))
				.isEmpty();
		}
	}

}
