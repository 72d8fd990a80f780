package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.JobService;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent refuses a CREATE that the handler's view of it (its last heartbeat) allowed:
 * the job is placed on another agent. Real agents on real Docker, like the other
 * end-to-end tests, but on a handler of its own (own topics and database): the refusing
 * agent heartbeats only once in the test, so that the handler's view of it stays stale,
 * and the shared handler of {@link EndToEndTest} would declare such an agent LOST after 4
 * s.
 */
// own topics and database: never reused, so closed after the class
@DirtiesContext
@RequiresDocker
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret",
				"dcf.handler.agent-timeout=10m", "dcf.handler.placement-interval=1s",
				"dcf.handler.placement-timeout=60s" })
@AutoConfigureRestTestClient
class RefusalIT {

	private static final TestTopics TOPICS = TestTopics.unique("e2e-refusal");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** Full after one container, and heartbeats once (at start) within the test. */
	private static TestAgent full;

	private static TestAgent other;

	private static Docker docker;

	@Autowired
	RestTestClient client;

	@Autowired
	JobService jobs;

	private JobsApi api;

	@DynamicPropertySource
	static void handler(DynamicPropertyRegistry registry) throws IOException {
		TOPICS.handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
		String dataDir = Files.createTempDirectory("dcf-handler-refusal").toAbsolutePath().toString();
		registry.add("dcf.data-dir", () -> dataDir);
	}

	@BeforeAll
	static void agents() {
		TestImages.ensureBuilt();
		docker = new Docker();
		// ids "it-refuse-a-…" < "it-refuse-b-…": on equal load (both empty) and equal
		// container counts, placement picks the smaller id, i.e. the agent that is full
		full = Agents.start("refuse-a", TOPICS, Map.of("it", "refuse"),
				Map.of("dcf.agent.max-containers", "1", "dcf.agent.heartbeat-interval", "10m"));
		other = Agents.start("refuse-b", TOPICS, Map.of("it", "refuse"), Map.of("dcf.agent.max-containers", "4"));
	}

	@AfterAll
	static void cleanUp() {
		if (full != null) {
			full.close();
			docker.removeAllOf(full.id());
		}
		if (other != null) {
			other.close();
			docker.removeAllOf(other.id());
		}
		if (docker != null) {
			docker.close();
		}
	}

	@BeforeEach
	void alice() {
		this.api = new JobsApi(this.client, "alice", "alice-secret");
	}

	@Test
	void aJobRefusedByAFullAgentIsPlacedOnAnotherAgent() {
		// the handler has both agents' first heartbeat: both empty
		await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			assertThat(this.api.agent(full.id())).containsEntry("status", "HEALTHY");
			assertThat(this.api.agent(other.id())).containsEntry("status", "HEALTHY");
		});
		@SuppressWarnings("unchecked")
		Map<String, Object> capacity = (Map<String, Object>) this.api.agent(full.id()).get("capacity");
		assertThat(capacity).containsEntry("maxContainers", 1).containsEntry("runningContainers", 0);
		// fill the agent behind the handler's back: no heartbeat of it shows this one
		String foreignJob = "foreign-" + UUID.randomUUID().toString().substring(0, 8);
		docker.startSleeperFor(full.id(), foreignJob);
		assertThat(docker.runningContainersOfJob(foreignJob)).hasSize(1);

		String id = this.api.create(sleeper());

		Map<String, Object> running = this.api.awaitState(id, "RUNNING", TIMEOUT);
		assertThat(running.get("agentId")).isEqualTo(other.id());
		String refusal = "agent " + full.id() + " refused the job, placing it elsewhere: not enough capacity on agent "
				+ full.id() + ": 1 of at most 1 containers active, the job needs 1";
		List<Map<String, Object>> events = this.api.events(id);
		assertThat(events)
			.filteredOn((event) -> "DEPLOYING".equals(event.get("from")) && "DEPLOYING".equals(event.get("to")))
			.extracting((event) -> event.get("reason"))
			// the topic's preparation may add an entry of its own ("topic it-sleep
			// created ...")
			.filteredOn((reason) -> !String.valueOf(reason).startsWith("topic "))
			.containsExactly("placed on agent " + full.id(), refusal, "placed on agent " + other.id());
		assertThat(events.get(events.size() - 1)).containsEntry("to", "RUNNING");
		assertThat(this.jobs.get(id).getRun().getRefusedBy()).containsExactly(full.id());
		assertThat(docker.containersOfJobOn(id, full.id())).isEmpty();
		assertThat(docker.containersOfJobOn(id, other.id())).singleElement()
			.satisfies((container) -> assertThat(container.getState()).isEqualTo("running"));
		assertThat(docker.runningContainersOfJob(foreignJob)).as("the refusing agent leaves what filled it alone")
			.hasSize(1);
	}

	private static Map<String, Object> sleeper() {
		return Map.of("name", "it-refuse", "image", TestImages.SLEEPER, "topic", "it-sleep", "containers", 1,
				"cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 600, "agentLabels", Map.of("it", "refuse"),
				"start", true);
	}

}
