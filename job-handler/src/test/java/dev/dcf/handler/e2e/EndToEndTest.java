package dev.dcf.handler.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.dcf.handler.TestTopics;
import dev.dcf.standalone.testkit.RequiresDocker;
import dev.dcf.standalone.testkit.TestImages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Base of the end-to-end tests: the whole handler on a random port with its H2 file
 * database, on the shared embedded broker and registry, driving real agents on the real
 * Docker daemon. Every subclass shares this one handler (one Spring context: the same
 * configuration and property sources) and steers its jobs to its own agents by label.
 * Short intervals: agents heartbeat every second, a silent one is LOST after 4 s.
 */
@RequiresDocker
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret",
				"dcf.security.users[0].name=alice", "dcf.security.users[0].password=alice-secret",
				"dcf.handler.agent-timeout=4s", "dcf.handler.liveness-check-interval=500ms",
				"dcf.handler.placement-interval=1s", "dcf.handler.placement-timeout=8s" })
@AutoConfigureRestTestClient
abstract class EndToEndTest {

	static final TestTopics TOPICS = TestTopics.unique("e2e");

	private static final Path DATA_DIR = dataDir("dcf-handler-e2e");

	static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
	};

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

	RestTestClient alice;

	@BeforeEach
	void alice() {
		this.alice = this.client.mutate()
			.defaultHeaders((headers) -> headers.setBasicAuth("alice", "alice-secret"))
			.build();
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
		URI location = this.alice.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(job)
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		return location.getPath().substring("/api/jobs/".length());
	}

	Map<String, Object> job(String id) {
		return this.alice.get()
			.uri("/api/jobs/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	String state(String id) {
		return (String) job(id).get("state");
	}

	List<Map<String, Object>> events(String id) {
		return this.alice.get()
			.uri("/api/jobs/{id}/events", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_LIST)
			.returnResult()
			.getResponseBody();
	}

	Map<String, Object> agent(String id) {
		return this.alice.get()
			.uri("/api/agents/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	/** Every agent the handler knows, with its status. */
	Map<String, String> agentStatuses() {
		List<Map<String, Object>> agents = this.alice.get()
			.uri("/api/agents")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_LIST)
			.returnResult()
			.getResponseBody();
		Map<String, String> statuses = new LinkedHashMap<>();
		agents.forEach((agent) -> statuses.put((String) agent.get("id"), (String) agent.get("status")));
		return statuses;
	}

	void start(String id) {
		this.alice.post().uri("/api/jobs/{id}/start", id).exchange().expectStatus().isOk();
	}

	void stop(String id) {
		this.alice.post().uri("/api/jobs/{id}/stop", id).exchange().expectStatus().isOk();
	}

	/** Waits until the job is in {@code state}, failing early if it ends otherwise. */
	Map<String, Object> awaitState(String id, String state, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			String now = state(id);
			if (!now.equals(state) && List.of("COMPLETED", "FAILED", "LOST").contains(now)) {
				throw new AssertionError("Job " + id + " ended " + now + " (" + job(id).get("stateReason")
						+ ") instead of becoming " + state);
			}
			return now.equals(state);
		});
		return job(id);
	}

	/** When the job first entered {@code state} in its current run. */
	Instant enteredAt(String id, String state) {
		return events(id).stream()
			.filter((event) -> state.equals(event.get("to")) && !state.equals(event.get("from")))
			.map((event) -> Instant.parse((String) event.get("at")))
			.reduce((first, later) -> later)
			.orElseThrow(() -> new AssertionError("Job " + id + " never entered " + state));
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
