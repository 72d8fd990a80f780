package dev.dcf.agent.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.dcf.schemes.DcfTopics;
import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.CheckResult;
import dev.dcf.schemes.avro.ContainerInfo;
import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One agent, driven over Kafka like the handler drives it, on the real Docker daemon.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstructionHandlingIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String agentId = "it-agent-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	private OneAgent fixture;

	private DockerInspector docker;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	private Collector<AgentStatus> agentStatus;

	@BeforeAll
	void startAgent() {
		this.fixture = OneAgent.start(this.agentId, this.topics,
				Map.of("dcf.agent.allowed-images", "dcf-test/*,dcf/*,localhost:1/**", "dcf.agent.labels.zone", "it"));
		this.docker = this.fixture.docker();
		this.instructions = this.fixture.instructions();
		this.jobStatus = this.fixture.jobStatus();
		this.agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
	}

	@AfterAll
	void stopAgent() {
		if (this.agentStatus != null) {
			this.agentStatus.close();
		}
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	@Test
	void createStartsContainersWithLabelsEnvLimitsAndHardening() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 3, TestImages.SLEEPER, 2,
				Map.of("GREETING", "hello", "KAFKA_TOPIC", "dcf.job-status", "DCF_JOB_ID", "someone-else")));
		JobStatus started = awaitStatus(jobId, JobStatusKind.STARTED);
		assertThat(started.getAgentId()).isEqualTo(this.agentId);
		assertThat(started.getRunNumber()).isEqualTo(3);
		assertThat(started.getInstructionId()).isNotNull();
		assertThat(started.getContainers()).extracting(ContainerInfo::getName)
			.containsExactly("dcf-" + jobId + "-0", "dcf-" + jobId + "-1");
		assertThat(started.getContainers()).extracting(ContainerInfo::getState).containsOnly(ContainerState.RUNNING);
		for (ContainerInfo info : started.getContainers()) {
			InspectContainerResponse container = this.docker.inspect(info.getContainerId());
			assertThat(container.getName()).isEqualTo("/" + info.getName());
			assertThat(container.getState().getRunning()).isTrue();
			assertThat(container.getConfig().getLabels())
				.containsAllEntriesOf(Map.of("dcf.managed", "true", "dcf.job-id", jobId, "dcf.agent-id", this.agentId,
						"dcf.container-index", Integer.toString(info.getIndex()), "dcf.run", "3"));
			assertThat(container.getConfig().getEnv()).contains("GREETING=hello",
					"KAFKA_BOOTSTRAP_SERVERS=" + SharedInfrastructure.get().bootstrapServers(),
					"KAFKA_TOPIC=it-generated", "DCF_JOB_ID=" + jobId, "DCF_CONTAINER_INDEX=" + info.getIndex(),
					"DCF_CONTAINER_COUNT=2",
					// the agent's own registry, by default
					"SCHEMA_REGISTRY_URL=" + SharedInfrastructure.get().registryUrl());
			assertThat(container.getConfig().getEnv()).doesNotContain("KAFKA_TOPIC=dcf.job-status",
					"DCF_JOB_ID=someone-else");
			HostConfig host = container.getHostConfig();
			assertThat(host.getNanoCPUs()).isEqualTo(500_000_000L);
			assertThat(host.getMemory()).isEqualTo(64L << 20);
			assertThat(host.getPrivileged()).isFalse();
			assertThat(host.getCapDrop()).extracting(Enum::name).containsExactly("ALL");
			assertThat(host.getCapAdd()).isNullOrEmpty();
			assertThat(host.getSecurityOpts()).contains("no-new-privileges");
			assertThat(host.getPidsLimit()).isEqualTo(256L);
			assertThat(host.getLogConfig().getType().getType()).isEqualTo("json-file");
			assertThat(host.getLogConfig().getConfig()).containsEntry("max-size", "10m").containsEntry("max-file", "3");
			assertThat(host.getRestartPolicy().getName()).isIn("no", "", null);
			assertThat(host.getBinds()).isNullOrEmpty();
			assertThat(host.getDevices()).isNullOrEmpty();
			assertThat(host.getPidMode()).isNotEqualTo("host");
			assertThat(host.getIpcMode()).isNotEqualTo("host");
			assertThat(host.getNetworkMode()).isEqualTo("host");
		}
	}

	@Test
	void anImageOutsideTheAllowListIsRefusedWithAClearReason() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 1, "busybox:latest", 1, Map.of()));
		JobStatus refused = awaitStatus(jobId, JobStatusKind.START_FAILED);
		assertThat(refused.getFailure()).isEqualTo(StartFailure.IMAGE_NOT_ALLOWED);
		assertThat(refused.getReason()).isEqualTo("image 'busybox:latest' is not allowed on agent " + this.agentId
				+ " (allowed: dcf-test/*, dcf/*, localhost:1/**)");
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).isEmpty();
	}

	@Test
	void anImageThatDoesNotExistFailsWithAClearReasonAndLeavesNothing() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 1,
				"localhost:1/dcf-test/does-not-exist:" + jobId, 2, Map.of()));
		JobStatus failed = awaitStatus(jobId, JobStatusKind.START_FAILED);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason())
			.startsWith("cannot pull image 'localhost:1/dcf-test/does-not-exist:" + jobId + "': ");
		assertThat(failed.getContainers()).isEmpty();
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).isEmpty();
	}

	@Test
	void createDeliveredTwiceStartsContainersOnce() {
		String jobId = Instructions.newJobId();
		JobInstruction create = Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 2, Map.of());
		this.instructions.send(create);
		this.instructions.send(create);
		List<JobStatus> answers = org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.jobStatus.all((s) -> s.getJobId().equals(jobId)), (all) -> all.size() == 2);
		assertThat(answers).extracting(JobStatus::getKind).containsOnly(JobStatusKind.STARTED);
		assertThat(answers.get(1).getContainers()).extracting(ContainerInfo::getContainerId)
			.containsExactlyElementsOf(ids(answers.get(0)));
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).hasSize(2);
	}

	@Test
	void deleteRemovesTheContainersAndDeleteAgainSucceeds() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 2, Map.of()));
		JobStatus started = awaitStatus(jobId, JobStatusKind.STARTED);
		this.instructions.send(Instructions.delete(this.agentId, jobId, 1));
		JobStatus removed = awaitStatus(jobId, JobStatusKind.REMOVED);
		assertThat(removed.getContainers()).extracting(ContainerInfo::getContainerId)
			.containsExactlyInAnyOrderElementsOf(ids(started));
		assertThat(removed.getContainers()).extracting(ContainerInfo::getState).containsOnly(ContainerState.REMOVED);
		// the sleeper exits with 143 on SIGTERM: it was stopped gracefully
		assertThat(removed.getContainers()).extracting(ContainerInfo::getExitCode).containsOnly(143);
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).isEmpty();

		this.instructions.send(Instructions.delete(this.agentId, jobId, 1));
		List<JobStatus> removals = org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.jobStatus.all((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.REMOVED),
					(all) -> all.size() == 2);
		assertThat(removals.get(1).getContainers()).isEmpty();
		assertThat(removals.get(1).getReason()).isNull();
	}

	@Test
	void anInstructionForAnotherAgentIsIgnored() {
		String foreignJob = Instructions.newJobId();
		// same key as ours, so it sits in our partition before the marker below
		this.instructions.send(this.agentId,
				Instructions.create("another-agent", foreignJob, 1, TestImages.SLEEPER, 1, Map.of()));
		String marker = Instructions.newJobId();
		this.instructions.send(Instructions.delete(this.agentId, marker, 1));
		awaitStatus(marker, JobStatusKind.REMOVED);
		assertThat(this.jobStatus.all((s) -> s.getJobId().equals(foreignJob))).isEmpty();
		assertThat(this.docker.withLabel("dcf.job-id", foreignJob)).isEmpty();
	}

	@Test
	void aRecordKeyedByAnotherAgentIsDroppedUnhandledEvenIfItNamesThisAgent() {
		String foreignJob = Instructions.newJobId();
		// the key says where it goes (wire-contract.md): dropped as it is polled;
		// a key of our partition, so it sits there before the marker below
		this.instructions.send(otherKeyOfOurPartition(), Instructions.delete(this.agentId, foreignJob, 1));
		String marker = Instructions.newJobId();
		this.instructions.send(Instructions.delete(this.agentId, marker, 1));
		awaitStatus(marker, JobStatusKind.REMOVED);
		assertThat(this.jobStatus.all((s) -> s.getJobId().equals(foreignJob))).isEmpty();
	}

	@Test
	void theGroupCommitsPastOtherAgentsInstructionsOnceTheAgentIsIdle() throws Exception {
		String other = otherKeyOfAnotherPartition();
		TopicPartition theirs = new TopicPartition(this.topics.instructions(), partition(other));
		long end = this.instructions.send(other, Instructions.delete(other, Instructions.newJobId(), 1)) + 1;

		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
			await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
				OffsetAndMetadata committed = admin.listConsumerGroupOffsets("dcf-agent-" + this.agentId)
					.partitionsToOffsetAndMetadata()
					.get()
					.get(theirs);
				assertThat(committed).as("the group's offset on a partition of other agents").isNotNull();
				assertThat(committed.offset()).isGreaterThanOrEqualTo(end);
			});
		}
	}

	private String otherKeyOfAnotherPartition() {
		int ours = partition(this.agentId);
		for (int i = 0;; i++) {
			String key = "another-agent-" + i;
			if (partition(key) != ours) {
				return key;
			}
		}
	}

	/**
	 * Another agent's id whose records share our partition (Kafka's default partitioner).
	 */
	private String otherKeyOfOurPartition() {
		int ours = partition(this.agentId);
		for (int i = 0;; i++) {
			String key = "another-agent-" + i;
			if (partition(key) == ours) {
				return key;
			}
		}
	}

	private static int partition(String key) {
		return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % DcfTopics.DEFAULT_PARTITIONS;
	}

	@Test
	void aContainerExitIsReportedWithItsExitCodeAndTheEndOfItsOutput() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 1,
				Map.of("SLEEP", "1", "EXIT_CODE", "3")));
		JobStatus started = awaitStatus(jobId, JobStatusKind.STARTED);
		JobStatus exited = awaitStatus(jobId, JobStatusKind.CONTAINER_EXITED);
		assertThat(exited.getInstructionId()).isNull();
		assertThat(exited.getSequence()).isGreaterThan(started.getSequence());
		assertThat(exited.getReason()).isEqualTo("container dcf-" + jobId + "-0 exited with code 3");
		assertThat(exited.getOutput()).isEqualTo("sleeper started");
		assertThat(exited.getContainers()).singleElement().satisfies((info) -> {
			assertThat(info.getContainerId()).isEqualTo(started.getContainers().get(0).getContainerId());
			assertThat(info.getState()).isEqualTo(ContainerState.EXITED);
			assertThat(info.getExitCode()).isEqualTo(3);
			assertThat(info.getOomKilled()).isFalse();
			assertThat(info.getFinishedAt()).isNotNull();
		});
		// reported on Docker's event (typically tens of milliseconds after the exit); the
		// bound is generous so that a loaded machine does not make this flaky
		assertThat(Duration.between(exited.getContainers().get(0).getFinishedAt(), exited.getTimestamp()))
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextInstructionIsHandled() {
		byte[] poison = new byte[64];
		new Random().nextBytes(poison);
		poison[0] = 7;
		try (Collector<byte[]> deadLetters = new Collector<>(this.topics.deadLetters(), new ByteArrayDeserializer())) {
			this.instructions.sendRaw(this.agentId, poison);
			String next = Instructions.newJobId();
			this.instructions.send(Instructions.delete(this.agentId, next, 1));
			awaitStatus(next, JobStatusKind.REMOVED);
			deadLetters.await((value) -> Arrays.equals(value, poison), WAIT);
			ConsumerRecord<String, byte[]> record = deadLetters.records()
				.stream()
				.filter((r) -> Arrays.equals(r.value(), poison))
				.findFirst()
				.orElseThrow();
			assertThat(record.key()).isEqualTo(this.agentId);
			assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(this.topics.instructions());
			assertThat(header(record, "kafka_dlt-exception-stacktrace")).contains("unknown magic byte 0x07");
		}
	}

	@Test
	void heartbeatsCarryHealthChecksCapacityLabelsAndTheContainers() {
		String jobId = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, jobId, 1, TestImages.SLEEPER, 1, Map.of()));
		JobStatus started = awaitStatus(jobId, JobStatusKind.STARTED);
		AgentStatus status = this.agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
				&& s.getContainers().stream().anyMatch((c) -> c.getJobId().equals(jobId)), WAIT);
		assertThat(status.getHealth()).isEqualTo(AgentHealth.HEALTHY);
		assertThat(status.getChecks()).extracting(CheckResult::getName)
			.containsExactly("containers", "disk", "docker", "instructions", "memory");
		assertThat(status.getChecks()).allSatisfy((check) -> {
			assertThat(check.getPassed()).isTrue();
			assertThat(check.getMessage()).isNotBlank();
		});
		assertThat(status.getCapacity().getCpus()).isPositive();
		assertThat(status.getCapacity().getMemoryTotalBytes()).isPositive();
		assertThat(status.getCapacity().getMemoryFreeBytes()).isPositive();
		assertThat(status.getCapacity().getDiskFreeBytes()).isPositive();
		assertThat(status.getCapacity().getRunningContainers()).isPositive();
		assertThat(status.getCapacity().getMaxContainers()).isEqualTo(20);
		assertThat(status.getLabels()).containsEntry("zone", "it");
		assertThat(status.getHostname()).isNotBlank();
		assertThat(status.getVersion()).isNotBlank();
		assertThat(status.getDockerVersion()).startsWith("20.10");
		assertThat(status.getHeartbeatIntervalMillis()).isEqualTo(1000);
		ContainerInfo reported = status.getContainers()
			.stream()
			.filter((c) -> c.getJobId().equals(jobId))
			.findFirst()
			.orElseThrow();
		assertThat(reported.getContainerId()).isEqualTo(started.getContainers().get(0).getContainerId());
		assertThat(reported.getName()).isEqualTo("dcf-" + jobId + "-0");
		assertThat(reported.getRunNumber()).isEqualTo(1);
		assertThat(reported.getIndex()).isZero();
		assertThat(reported.getState()).isEqualTo(ContainerState.RUNNING);
	}

	@Test
	void sequenceNumbersOnlyGoUp() {
		AgentStatus later = this.agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
				&& this.agentStatus.all((x) -> x.getAgentId().equals(this.agentId)).size() >= 3, WAIT);
		assertThat(later).isNotNull();
		List<Long> sequences = this.agentStatus.all((s) -> s.getAgentId().equals(this.agentId))
			.stream()
			.map(AgentStatus::getSequence)
			.toList();
		assertThat(sequences).isSorted().doesNotHaveDuplicates();
	}

	private JobStatus awaitStatus(String jobId, JobStatusKind kind) {
		return this.jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == kind, WAIT);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static List<String> ids(JobStatus status) {
		return status.getContainers().stream().map(ContainerInfo::getContainerId).toList();
	}

}
