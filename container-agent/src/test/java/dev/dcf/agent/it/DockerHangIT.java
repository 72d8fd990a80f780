package dev.dcf.agent.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.DockerSocketProxy;
import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.CheckResult;
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
 * A Docker daemon that accepts requests and never answers (the proxy in front of the real
 * daemon freezes) must not delay heartbeats: each Docker call is bounded by
 * {@code docker-timeout} (30 s), far more than the interval, and the handler declares an
 * agent whose heartbeats are late LOST.
 */
@RequiresDocker
class DockerHangIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	/**
	 * Longer than the interval + observation bound many times over, shorter than
	 * docker-timeout.
	 */
	private static final Duration HANG = Duration.ofSeconds(10);

	private final String agentId = "it-hang-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	private DockerSocketProxy docker;

	private DockerInspector inspector;

	private TestAgent agent;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	private Collector<AgentStatus> agentStatus;

	@BeforeEach
	void startAgent() {
		TestImages.ensureBuilt();
		this.inspector = new DockerInspector();
		this.docker = DockerSocketProxy.forwarding(Path.of("target", "hang-" + this.agentId, "docker.sock"));
		this.agent = TestAgent.start(this.topics, Map.of("dcf.agent.id", this.agentId, "dcf.agent.docker-host",
				this.docker.uri().toString(), "dcf.agent.heartbeat-interval", INTERVAL.toMillis() + "ms"));
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
		this.agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
	}

	@AfterEach
	void stop() {
		this.docker.thaw();
		this.agent.close();
		this.docker.close();
		this.inspector.removeAllOf(this.agentId);
		this.inspector.close();
		this.instructions.close();
		this.jobStatus.close();
		this.agentStatus.close();
	}

	@Test
	void heartbeatsKeepTheirIntervalWhileDockerHangs() {
		String job = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, job, 1, TestImages.SLEEPER, 1, Map.of()));
		JobStatus started = this.jobStatus
			.await((s) -> s.getJobId().equals(job) && s.getKind() == JobStatusKind.STARTED, WAIT);
		String containerId = started.getContainers().get(0).getContainerId();
		AgentStatus seen = this.agentStatus
			.await((s) -> s.getAgentId().equals(this.agentId) && s.getHealth() == AgentHealth.HEALTHY
					&& s.getContainers().stream().anyMatch((c) -> c.getContainerId().equals(containerId)), WAIT);

		this.docker.freeze();
		long frozenAt = System.currentTimeMillis();
		Awaitility.await()
			.atMost(HANG.plusSeconds(10))
			.until(() -> heartbeatsAfter(seen.getSequence()), (beats) -> !beats.isEmpty()
					&& beats.get(beats.size() - 1).timestamp() >= frozenAt + HANG.toMillis());
		List<ConsumerRecord<String, AgentStatus>> during = heartbeatsAfter(seen.getSequence() - 1);
		this.docker.thaw();

		// on time all along: no gap larger than the interval + 1 s
		for (int i = 1; i < during.size(); i++) {
			assertThat(during.get(i).timestamp() - during.get(i - 1).timestamp()).as("gap before heartbeat %d", i)
				.isLessThanOrEqualTo(INTERVAL.toMillis() + 1000);
		}
		// the first two may have looked at Docker before it hung
		List<AgentStatus> hung = during.stream().map(ConsumerRecord::value).skip(3).toList();
		assertThat(hung).hasSizeGreaterThanOrEqualTo(8).allSatisfy((status) -> {
			assertThat(status.getHealth()).isEqualTo(AgentHealth.UNHEALTHY);
			CheckResult dockerCheck = status.getChecks()
				.stream()
				.filter((check) -> check.getName().equals("docker"))
				.findFirst()
				.orElseThrow();
			assertThat(dockerCheck.getPassed()).isFalse();
			assertThat(dockerCheck.getMessage()).isEqualTo("Docker daemon did not answer within 500 ms");
			// the last containers seen, not "none" other agents' containers on the same
			// daemon are listed too, with their agent
			assertThat(status.getContainers()).filteredOn((c) -> this.agentId.equals(c.getAgentId()))
				.extracting(ContainerInfo::getContainerId)
				.containsExactly(containerId);
		});

		long lastHung = during.get(during.size() - 1).value().getSequence();
		AgentStatus back = this.agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
				&& s.getSequence() > lastHung && s.getHealth() == AgentHealth.HEALTHY, WAIT);
		assertThat(back.getContainers()).filteredOn((c) -> this.agentId.equals(c.getAgentId()))
			.extracting(ContainerInfo::getContainerId)
			.containsExactly(containerId);
		assertThat(this.inspector.inspect(containerId).getState().getRunning()).isTrue();
	}

	/** This agent's heartbeats with a sequence above {@code sequence}, in order. */
	private List<ConsumerRecord<String, AgentStatus>> heartbeatsAfter(long sequence) {
		return this.agentStatus.records()
			.stream()
			.filter((record) -> record.value().getAgentId().equals(this.agentId)
					&& record.value().getSequence() > sequence)
			.sorted(Comparator.comparing((ConsumerRecord<String, AgentStatus> record) -> record.value().getSequence()))
			.toList();
	}

}
