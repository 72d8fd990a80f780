package dev.dcf.agent.it;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.RemovalCause;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.AvroSerializer;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code dcf.agent.remove-containers-on-shutdown} (the standalone launcher sets it),
 * an agent that shuts down stops and removes its containers, tells the handler (REMOVED
 * per job), and only then sends its last status. Containers of other agents on the same
 * daemon stay. The default (off: a restarted agent adopts its running containers) is
 * covered by {@link AgentRestartIT}.
 */
@RequiresDocker
class ShutdownCleanupIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final TestTopics topics = TestTopics.unique();

	private final String agentId = "it-cleanup-" + UUID.randomUUID().toString().substring(0, 8);

	private final String otherAgentId = "it-keeper-" + UUID.randomUUID().toString().substring(0, 8);

	private final DockerInspector docker = new DockerInspector();

	@AfterEach
	void cleanUp() {
		this.docker.removeAllOf(this.agentId);
		this.docker.removeAllOf(this.otherAgentId);
		this.docker.close();
	}

	@Test
	void anAgentSetToCleanUpRemovesItsContainersOnShutdownAndReportsThemRemoved() {
		TestImages.ensureBuilt();
		String twoContainers = Instructions.newJobId();
		String oneContainer = Instructions.newJobId();
		String othersJob = Instructions.newJobId();
		try (Instructions instructions = new Instructions(this.topics.instructions());
				Collector<JobStatus> jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
				Collector<AgentStatus> agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
				TestAgent other = TestAgent.start(this.topics, Map.of("dcf.agent.id", this.otherAgentId))) {
			JobStatus startedTwo;
			JobStatus startedOne;
			JobStatus startedOthers;
			try (TestAgent agent = TestAgent.start(this.topics,
					Map.of("dcf.agent.id", this.agentId, "dcf.agent.remove-containers-on-shutdown", "true"))) {
				instructions.send(Instructions.create(this.agentId, twoContainers, 1, TestImages.SLEEPER, 2, Map.of()));
				instructions.send(Instructions.create(this.agentId, oneContainer, 4, TestImages.SLEEPER, 1, Map.of()));
				instructions
					.send(Instructions.create(this.otherAgentId, othersJob, 1, TestImages.SLEEPER, 1, Map.of()));
				startedTwo = await(jobStatus, twoContainers, JobStatusKind.STARTED);
				startedOne = await(jobStatus, oneContainer, JobStatusKind.STARTED);
				startedOthers = await(jobStatus, othersJob, JobStatusKind.STARTED);
			}

			// the context is closed: the containers are gone, not just stopped
			assertThat(this.docker.withLabel("dcf.agent-id", this.agentId)).isEmpty();
			for (JobStatus started : List.of(startedTwo, startedOne)) {
				JobStatus removed = await(jobStatus, started.getJobId(), JobStatusKind.REMOVED);
				assertThat(removed.getAgentId()).isEqualTo(this.agentId);
				assertThat(removed.getRunNumber()).isEqualTo(started.getRunNumber());
				assertThat(removed.getInstructionId()).isNull();
				assertThat(removed.getReason())
					.isEqualTo("agent " + this.agentId + " shut down and removed its containers");
				assertThat(removed.getContainers()).extracting(ContainerInfo::getContainerId)
					.containsExactlyElementsOf(ids(started));
				assertThat(removed.getContainers()).extracting(ContainerInfo::getState)
					.containsOnly(ContainerState.REMOVED);
				// stopped gracefully: the sleeper exits with 143 on SIGTERM
				assertThat(removed.getContainers()).extracting(ContainerInfo::getExitCode).containsOnly(143);
			}

			// the last status comes after the removals and lists nothing left
			AgentStatus stopping = agentStatus
				.await((s) -> s.getAgentId().equals(this.agentId) && s.getHealth() == AgentHealth.STOPPING, WAIT);
			// other agents' containers on the same daemon are listed too,
			// with their agent
			assertThat(stopping.getContainers()).filteredOn((c) -> this.agentId.equals(c.getAgentId())).isEmpty();
			assertThat(removed(jobStatus)).extracting(JobStatus::getRemoval).containsOnly(RemovalCause.AGENT_SHUTDOWN);
			assertThat(jobStatus.all((s) -> s.getAgentId().equals(this.agentId)))
				.allSatisfy((s) -> assertThat(s.getSequence()).isLessThan(stopping.getSequence()));

			// what the agent stopped itself is not reported as an exit (read up to a
			// marker written after the agent was closed, in the same partitions)
			writeMarkers(twoContainers, oneContainer);
			for (String jobId : List.of(twoContainers, oneContainer)) {
				jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getAgentId().equals("it-marker"), WAIT);
				assertThat(jobStatus.all((s) -> s.getJobId().equals(jobId))).extracting(JobStatus::getKind)
					.doesNotContain(JobStatusKind.CONTAINER_EXITED);
			}

			// another agent's container on the same daemon keeps running
			assertThat(this.docker.inspect(ids(startedOthers).get(0)).getState().getRunning()).isTrue();
		}
	}

	private static JobStatus await(Collector<JobStatus> jobStatus, String jobId, JobStatusKind kind) {
		return jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == kind, WAIT);
	}

	private List<JobStatus> removed(Collector<JobStatus> jobStatus) {
		return jobStatus.all((s) -> s.getAgentId().equals(this.agentId) && s.getKind() == JobStatusKind.REMOVED);
	}

	private static List<String> ids(JobStatus status) {
		return status.getContainers().stream().map(ContainerInfo::getContainerId).toList();
	}

	/** One record per job after everything the agent sent, keyed like the agent's. */
	private void writeMarkers(String... jobIds) {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.bootstrapServers());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, JobStatus> producer = new KafkaProducer<>(config, new StringSerializer(),
				new AvroSerializer<>(
						new HttpSchemaRegistryClient(RegistryClientConfig.of(infrastructure.registryUrl()))))) {
			for (String jobId : jobIds) {
				JobStatus marker = JobStatus.newBuilder()
					.setAgentId("it-marker")
					.setSequence(0)
					.setJobId(jobId)
					.setKind(JobStatusKind.REMOVED)
					.setTimestamp(Instant.now())
					.build();
				producer.send(new ProducerRecord<>(this.topics.jobStatus(), jobId, marker)).get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not write the markers", ex);
		}
	}

}
