package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Base of the end-to-end tests: the whole handler on a random port with its H2 file
 * database, on the shared embedded broker and registry, driving real agents on the real
 * Docker daemon. Every subclass shares this one handler (one Spring context: the same
 * configuration and property sources) and steers its jobs to its own agents by label.
 * Short intervals: agents heartbeat every second, a silent one is LOST after 4 s, and so
 * is one that stopped cleanly (the tests close agents to lose them).
 */
@RequiresDocker
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret",
				"dcf.handler.agent-timeout=4s", "dcf.handler.agent-restart-grace=4s",
				"dcf.handler.liveness-check-interval=500ms", "dcf.handler.placement-interval=1s",
				"dcf.handler.placement-timeout=8s" })
@AutoConfigureRestTestClient
abstract class EndToEndTest {

	static final TestTopics TOPICS = TestTopics.unique("e2e");

	private static final Path DATA_DIR = dataDir("dcf-handler-e2e");

	static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

	@BeforeAll
	static void images() {
		TestImages.ensureBuilt();
	}

	@DynamicPropertySource
	static void handler(DynamicPropertyRegistry registry) {
		TOPICS.handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
		registry.add("dcf.data-dir", DATA_DIR::toString);
	}

	@Autowired
	RestTestClient client;

	/** The API as alice, a plain user. */
	JobsApi api;

	/** alice's client, for calls {@link JobsApi} does not cover. */
	RestTestClient alice;

	@BeforeEach
	void alice() {
		this.api = new JobsApi(this.client, "alice", "alice-secret");
		this.alice = this.api.client();
	}

	/**
	 * A job of sleeper containers for the agents labelled {@code it=label}, started at
	 * once.
	 */
	static Map<String, Object> sleeper(String label, int containers) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("name", "it-" + label);
		job.put("image", TestImages.SLEEPER);
		job.put("topic", "it-sleep");
		job.put("containers", containers);
		job.put("cpuLimit", 0.1);
		job.put("memoryLimitMb", 64);
		job.put("durationSeconds", 600);
		job.put("agentLabels", Map.of("it", label));
		job.put("start", true);
		return job;
	}

	String create(Map<String, Object> job) {
		return this.api.create(job);
	}

	Map<String, Object> job(String id) {
		return this.api.job(id);
	}

	String state(String id) {
		return this.api.state(id);
	}

	List<Map<String, Object>> events(String id) {
		return this.api.events(id);
	}

	Map<String, Object> agent(String id) {
		return this.api.agent(id);
	}

	Map<String, String> agentStatuses() {
		return this.api.agentStatuses();
	}

	void start(String id) {
		this.api.start(id);
	}

	void stop(String id) {
		this.api.stop(id);
	}

	Map<String, Object> awaitState(String id, String state, Duration timeout) {
		return this.api.awaitState(id, state, timeout);
	}

	Instant enteredAt(String id, String state) {
		return this.api.enteredAt(id, state);
	}

	private static Path dataDir(String name) {
		try {
			return Files.createTempDirectory(name).toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
