package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.RequiresDocker;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import dev.dcf.testsupport.FakeImageRegistry;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pull that takes longer than the handler's deploy timeout does not fail the job at
 * that timeout while the agent reports progress: the agent retries a registry that
 * answers 503 slowly (3 attempts of 2.5 s or more, 2 s and 4 s apart) under a deploy
 * timeout of 8 s, and the job fails with the registry's reason, not with "did not
 * answer". Real agent on real Docker and Kafka, on a handler of its own (own topics,
 * database and deploy timeout).
 */
@DirtiesContext
@RequiresDocker
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret",
				"dcf.handler.agent-timeout=10m", "dcf.handler.placement-interval=1s", "dcf.handler.deploy-timeout=8s" })
@AutoConfigureRestTestClient
class SlowPullIT {

	private static final TestTopics TOPICS = TestTopics.unique("e2e-slow-pull");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static FakeImageRegistry registry;

	private static TestAgent agent;

	private static Docker docker;

	@Autowired
	RestTestClient client;

	@DynamicPropertySource
	static void handler(DynamicPropertyRegistry properties) throws IOException {
		TOPICS.handlerProperties().forEach((name, value) -> properties.add(name, () -> value));
		String dataDir = Files.createTempDirectory("dcf-handler-slow-pull").toAbsolutePath().toString();
		properties.add("dcf.data-dir", () -> dataDir);
	}

	@BeforeAll
	static void agent() {
		docker = new Docker();
		// every answer takes 2.5 s: three attempts and the 2 s and 4 s pauses between
		// them take far longer than the deploy timeout of 8 s, which leaves room for the
		// first progress report on a busy machine
		registry = FakeImageRegistry.unavailable(Duration.ofMillis(2500));
		agent = Agents.start("slow-pull", TOPICS, Map.of("it", "slow-pull"), Map.of("dcf.agent.pull-progress-interval",
				"500ms", "dcf.agent.pull-timeout", "60s", "dcf.agent.allowed-images", registry.host() + "/**"));
	}

	@AfterAll
	static void cleanUp() {
		if (agent != null) {
			agent.close();
			docker.removeAllOf(agent.id());
		}
		if (registry != null) {
			registry.close();
		}
		if (docker != null) {
			docker.close();
		}
	}

	@Test
	void aPullThatReportsProgressOutlastsTheDeployTimeoutAndFailsWithTheRegistrysReason() {
		JobsApi api = new JobsApi(this.client, "alice", "alice-secret");
		String image = registry.host() + "/dcf-test/gen:1";

		String id = api.create(Map.of("name", "it-slow-pull", "image", image, "topic", "it-sleep", "containers", 1,
				"cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 600, "agentLabels", Map.of("it", "slow-pull"),
				"start", true));

		Map<String, Object> failed = api.awaitState(id, "FAILED", TIMEOUT);
		assertThat((String) failed.get("stateReason")).startsWith("agent " + agent.id() + " could not start the job")
			.contains("503 Service Unavailable")
			.contains("(gave up after 3 attempts in ");
		List<Map<String, Object>> events = api.events(id);
		assertThat(events).extracting((event) -> event.get("reason"))
			.containsOnlyOnce("agent " + agent.id() + " is pulling image " + image);
	}

}
