package dev.dcf.agent.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent talks to the real daemon through a socket under {@code target/} that the test
 * takes away and brings back: the daemon "goes away" for the agent only, the shared
 * dockerd keeps running.
 */
@RequiresDocker
class DockerOutageIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final String agentId = "it-outage-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	private DockerSocketProxy docker;

	private DockerInspector inspector;

	private TestAgent agent;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	private Collector<AgentStatus> agentStatus;

	@BeforeEach
	void startAgentWithoutDocker() {
		TestImages.ensureBuilt();
		this.inspector = new DockerInspector();
		this.docker = DockerSocketProxy.forwarding(Path.of("target", "outage-" + this.agentId, "docker.sock"));
		this.docker.stop();
		this.agent = TestAgent.start(this.topics,
				Map.of("dcf.agent.id", this.agentId, "dcf.agent.docker-host", this.docker.uri().toString()));
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
		this.agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
	}

	@AfterEach
	void stop() {
		this.agent.close();
		this.docker.close();
		this.inspector.removeAllOf(this.agentId);
		this.inspector.close();
		this.instructions.close();
		this.jobStatus.close();
		this.agentStatus.close();
	}

	@Test
	void unreachableDockerMakesTheAgentUnhealthyAndRefuseCreateUntilItIsBack() {
		AgentStatus down = awaitHeartbeat(AgentHealth.UNHEALTHY);
		CheckResult dockerCheck = down.getChecks()
			.stream()
			.filter((check) -> check.getName().equals("docker"))
			.findFirst()
			.orElseThrow();
		assertThat(dockerCheck.getPassed()).isFalse();
		assertThat(dockerCheck.getMessage()).startsWith("Docker daemon not reachable: ");
		assertThat(down.getDockerVersion()).isNull();

		String refusedJob = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, refusedJob, 1, TestImages.SLEEPER, 1, Map.of()));
		JobStatus refused = awaitStatus(refusedJob, JobStatusKind.START_FAILED);
		assertThat(refused.getFailure()).isEqualTo(StartFailure.AGENT_UNHEALTHY);
		assertThat(refused.getReason()).startsWith("agent " + this.agentId + " is unhealthy: ")
			.contains("docker: Docker daemon not reachable");
		assertThat(this.inspector.withLabel("dcf.job-id", refusedJob)).isEmpty();

		this.docker.start();
		AgentStatus back = awaitHeartbeatAfter(down.getSequence(), AgentHealth.HEALTHY);
		assertThat(back.getDockerVersion()).startsWith("20.10");
		String job = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, job, 1, TestImages.SLEEPER, 1, Map.of()));
		JobStatus started = awaitStatus(job, JobStatusKind.STARTED);
		assertThat(this.inspector.inspect(started.getContainers().get(0).getContainerId()).getState().getRunning())
			.isTrue();
	}

	@Test
	void goingAwayAndComingBackIsNoticedAndExitsMeanwhileAreReported() {
		this.docker.start();
		awaitHeartbeat(AgentHealth.HEALTHY);
		String job = Instructions.newJobId();
		this.instructions.send(Instructions.create(this.agentId, job, 1, TestImages.SLEEPER, 1,
				Map.of("SLEEP", "6", "EXIT_CODE", "5")));
		JobStatus started = awaitStatus(job, JobStatusKind.STARTED);
		String containerId = started.getContainers().get(0).getContainerId();
		AgentStatus seen = this.agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
				&& s.getContainers().stream().anyMatch((c) -> c.getContainerId().equals(containerId)), WAIT);

		Instant wentAway = Instant.now();
		this.docker.stop();
		AgentStatus down = awaitHeartbeatAfter(seen.getSequence(), AgentHealth.UNHEALTHY);
		assertThat(firstTwoHeartbeatsAfter(wentAway)).contains(AgentHealth.UNHEALTHY);
		// while Docker is away the last observed containers are still reported
		assertThat(down.getContainers()).extracting(ContainerInfo::getContainerId).contains(containerId);
		org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> !this.inspector.inspect(containerId).getState().getRunning());

		Instant cameBack = Instant.now();
		this.docker.start();
		awaitHeartbeatAfter(down.getSequence(), AgentHealth.HEALTHY);
		assertThat(firstTwoHeartbeatsAfter(cameBack)).contains(AgentHealth.HEALTHY);
		JobStatus exited = awaitStatus(job, JobStatusKind.CONTAINER_EXITED);
		// it exited while the agent could not see Docker: found by the sweep after
		// coming back
		assertThat(exited.getSequence()).isGreaterThan(down.getSequence());
		assertThat(exited.getContainers()).singleElement().satisfies((info) -> {
			assertThat(info.getContainerId()).isEqualTo(containerId);
			assertThat(info.getExitCode()).isEqualTo(5);
		});
	}

	/**
	 * Health of the first two heartbeats observed entirely after {@code moment}: the
	 * first may have checked just before it, the second has not.
	 */
	private List<AgentHealth> firstTwoHeartbeatsAfter(Instant moment) {
		List<AgentStatus> after = org.awaitility.Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.agentStatus
				.all((s) -> s.getAgentId().equals(this.agentId) && s.getTimestamp().isAfter(moment)),
					(all) -> all.size() >= 2);
		return after.stream()
			.sorted(Comparator.comparing(AgentStatus::getSequence))
			.limit(2)
			.map(AgentStatus::getHealth)
			.toList();
	}

	private AgentStatus awaitHeartbeat(AgentHealth health) {
		return awaitHeartbeatAfter(Long.MIN_VALUE, health);
	}

	private AgentStatus awaitHeartbeatAfter(long sequence, AgentHealth health) {
		return this.agentStatus.await((status) -> status.getAgentId().equals(this.agentId)
				&& status.getSequence() > sequence && status.getHealth() == health, WAIT);
	}

	private JobStatus awaitStatus(String jobId, JobStatusKind kind) {
		return this.jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == kind, WAIT);
	}

}
