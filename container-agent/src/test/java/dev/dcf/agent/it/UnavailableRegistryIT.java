package dev.dcf.agent.it;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.FakeImageRegistry;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry that answers with server errors is tried again with back-off before the job
 * fails with the registry's reason, and one that then refuses the image ends the retries.
 * The registry is the kit's {@link FakeImageRegistry} on a free 127.0.0.1 port; the pulls
 * are the real daemon's.
 */
@RequiresDocker
class UnavailableRegistryIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final TestTopics topics = TestTopics.unique();

	private final String agentId = "it-flaky-" + UUID.randomUUID().toString().substring(0, 8);

	private final DockerInspector docker = new DockerInspector();

	private FakeImageRegistry registry;

	private TestAgent agent;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	@BeforeEach
	void setUp() {
		this.registry = FakeImageRegistry.withoutImages();
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.agent.id", this.agentId);
		settings.put("dcf.agent.allowed-images", this.registry.host() + "/dcf-test/**");
		settings.put("dcf.agent.pull-timeout", "60s");
		this.agent = TestAgent.start(this.topics, settings);
	}

	@AfterEach
	void tearDown() {
		if (this.agent != null) {
			this.agent.close();
		}
		this.registry.close();
		this.instructions.close();
		this.jobStatus.close();
		this.docker.removeAllOf(this.agentId);
		this.docker.close();
	}

	@Test
	void aRegistryAnsweringServiceUnavailableIsTriedThreeTimesThenTheStartFailsWithItsReason() {
		this.registry.unavailablePulls(Integer.MAX_VALUE);
		String jobId = Instructions.newJobId();
		String image = this.registry.host() + "/dcf-test/gen:1";

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));

		JobStatus failed = this.jobStatus
			.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.START_FAILED, WAIT);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason()).startsWith("cannot pull image '" + image + "': registry failed to serve image")
			.contains("503 Service Unavailable")
			.contains("(gave up after 3 attempts in ");
		assertThat(this.registry.pings()).as("requests: %s", this.registry.requests()).isGreaterThanOrEqualTo(3);
		// the handler heard that the agent was at it
		assertThat(this.jobStatus.values()).filteredOn((s) -> s.getJobId().equals(jobId))
			.extracting(JobStatus::getKind)
			.startsWith(JobStatusKind.PULLING)
			.endsWith(JobStatusKind.START_FAILED);
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).isEmpty();
	}

	@Test
	void aRegistryThatRecoversButDoesNotKnowTheImageEndsTheRetriesWithNotFound() {
		// the first pull meets 503s, the second one a 404
		this.registry.unavailablePulls(1);
		String jobId = Instructions.newJobId();
		String image = this.registry.host() + "/dcf-test/gen:1";

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));

		JobStatus failed = this.jobStatus
			.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.START_FAILED, WAIT);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason()).contains("not found locally and could not be pulled")
			.doesNotContain("gave up after");
		assertThat(this.registry.pings()).as("requests: %s", this.registry.requests()).isEqualTo(2);
	}

}
