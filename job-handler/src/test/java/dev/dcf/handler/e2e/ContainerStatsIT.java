package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Container stats (docs/usage.md, "Container stats"): a container that holds 100 MB shows
 * about that against its 256 MB limit in the job's stats, in its agent's and in the
 * Prometheus gauges; the stats go when the job stops.
 */
class ContainerStatsIT extends EndToEndTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final long MB = 1024 * 1024;

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("stats", TOPICS, Map.of("it", "stats"), Map.of("dcf.agent.stats-interval", "1s"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void statsOfAContainerThatAllocates100MbShowRoughlyThatAgainstItsLimit() {
		Map<String, Object> request = sleeper("stats", 1);
		request.put("memoryLimitMb", 256);
		request.put("cpuLimit", 0.5);
		// tail keeps all of a line in memory until the line ends: 100 MB of zeros, no
		// newline, and the writer stays open
		request.put("command", List.of("sh", "-c", "(head -c 100m /dev/zero; sleep 600) | tail"));
		String id = create(request);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		Map<String, Object> container = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> containers(stats(id)),
					(list) -> list.size() == 1 && ((Number) list.get(0).get("memoryBytes")).longValue() > 90 * MB)
			.get(0);

		assertThat(((Number) container.get("memoryBytes")).longValue()).isBetween(90 * MB, 130 * MB);
		assertThat(((Number) container.get("memoryLimitBytes")).longValue()).isEqualTo(256 * MB);
		assertThat(((Number) container.get("cpuPercent")).doubleValue()).isBetween(0.0, 200.0);
		assertThat(container).containsEntry("index", 0).containsEntry("agentId", agent.id()).containsKey("sampledAt");
		// the agent runs its containers on the host network: no interface of their own
		assertThat(container.get("networkTxBytes")).isNull();
		Map<String, Object> ofAgent = (Map<String, Object>) agent(agent.id()).get("stats");
		assertThat(containers(ofAgent)).extracting((c) -> c.get("jobId")).containsExactly(id);
		// the gauge is the newest sample: 90 MB up (9.x E7 or 1.x E8 bytes)
		assertThat(prometheus()).containsPattern("dcf_container_memory_bytes\\{agent=\"" + agent.id()
				+ "\",container=\"0\",job=\"" + id + "\"\\} (9\\.[0-9]+E7|1\\.[0-9]+E8)");

		// the pages: the job's card and the agent's card show the container with its
		// memory
		assertThat(page("/jobs/{id}", id)).contains("Container stats").containsPattern("[0-9.]+ MiB / 256 MiB");
		assertThat(page("/agents/cards")).contains("agent-stats").contains("256 MiB");

		stop(id);
		awaitState(id, "COMPLETED", Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> containers(stats(id)).isEmpty());
		await().atMost(Duration.ofSeconds(5)).until(() -> !prometheus().contains("job=\"" + id + "\""));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> stats(String id) {
		Map<String, Object> answer = this.alice.get()
			.uri("/api/jobs/{id}/stats", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(answer).containsEntry("jobId", id);
		return (Map<String, Object>) answer.get("stats");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> containers(Map<String, Object> stats) {
		return (List<Map<String, Object>>) stats.get("containers");
	}

	private String page(String uri, Object... variables) {
		return this.alice.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	private String prometheus() {
		return this.alice.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

}
