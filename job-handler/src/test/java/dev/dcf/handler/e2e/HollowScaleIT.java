package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.hollow.HollowContainerRuntime;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scale test in short form (the benchmark is {@code scripts/bench-scale.sh}): many
 * jobs on many hollow agents (containers simulated, no Docker) in the shared handler.
 * Checks correctness only, never speed. 200 jobs on 10 agents, not the 1,000 of the
 * benchmark's smallest step: at the placement rate measured so far (docs/benchmarks.md)
 * 1,000 would not fit the CI budget.
 */
class HollowScaleIT extends EndToEndTest {

	private static final int AGENTS = 10;

	private static final int JOBS = 200;

	private static final Duration WAIT = Duration.ofMinutes(3);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final String LABEL = "hollow-" + java.util.UUID.randomUUID().toString().substring(0, 6);

	private static HollowFleet fleet;

	@BeforeAll
	static void fleet() throws Exception {
		fleet = HollowFleet.start(AGENTS, LABEL, TOPICS, JOBS / AGENTS + 10, Map.of());
	}

	@AfterAll
	static void stopFleet() {
		if (fleet != null) {
			fleet.close();
		}
	}

	@Test
	void threeHundredJobsOnTwentyHollowAgentsRunOnceEachAndLeaveNothingWhenStopped() throws Exception {
		RestTestClient bob = bearerClient();
		await().atMost(WAIT).until(() -> healthyAgents() == AGENTS);

		List<String> ids = submit(bob);
		await().atMost(WAIT).until(() -> countRunning(bob) == JOBS);

		// each job's one container is in exactly one hollow runtime, on the agent the
		// handler placed it on
		Map<String, String> agentOfContainer = containersByJob();
		assertThat(agentOfContainer).hasSize(JOBS).containsOnlyKeys(ids);
		for (String id : ids.subList(0, 50)) {
			assertThat(job(id)).containsEntry("agentId", agentOfContainer.get(id)).containsEntry("runNumber", 1);
		}
		// heartbeats (every second) keep them RUNNING
		await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> countRunning(bob) == JOBS);

		for (int from = 0; from < JOBS; from += 500) {
			bob.post()
				.uri("/api/jobs/bulk")
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("action", "stop", "ids", ids.subList(from, Math.min(JOBS, from + 500))))
				.exchange()
				.expectStatus()
				.isOk();
		}
		await().atMost(WAIT).until(() -> fleet.containers() == 0);
		await().atMost(WAIT).until(() -> countRunning(bob) == 0);
	}

	private List<String> submit(RestTestClient bob) throws Exception {
		Map<String, Object> job = new HashMap<>(sleeper(LABEL, 1));
		job.put("agentLabels", Map.of("scale", LABEL));
		job.put("name", LABEL);
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> created = new ArrayList<>();
			for (int i = 0; i < JOBS; i++) {
				created.add(clients.submit(() -> {
					String location = bob.post()
						.uri("/api/jobs")
						.contentType(MediaType.APPLICATION_JSON)
						.body(job)
						.exchange()
						.expectStatus()
						.isCreated()
						.returnResult(Void.class)
						.getResponseHeaders()
						.getLocation()
						.getPath();
					return location.substring("/api/jobs/".length());
				}));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> id : created) {
				ids.add(id.get());
			}
			return ids;
		}
		finally {
			clients.shutdown();
		}
	}

	/** An API token of alice's: Basic auth checks a bcrypt hash on every request. */
	private RestTestClient bearerClient() {
		Map<String, Object> created = this.alice.post()
			.uri("/api/tokens")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", LABEL, "days", 1))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		String token = (String) created.get("token");
		return this.client.mutate().defaultHeaders((headers) -> headers.setBearerAuth(token)).build();
	}

	private long healthyAgents() {
		return fleet.agents().stream().filter((agent) -> "HEALTHY".equals(agentStatuses().get(agent.id()))).count();
	}

	private static long countRunning(RestTestClient bob) {
		Map<String, Object> page = bob.get()
			.uri("/api/jobs?state=RUNNING&q={q}&size=1", LABEL)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		return ((Number) page.get("totalElements")).longValue();
	}

	/**
	 * Job id to the agent whose hollow runtime holds its container; fails on a second.
	 */
	private static Map<String, String> containersByJob() {
		Map<String, String> agentOfJob = new HashMap<>();
		for (TestAgent agent : fleet.agents()) {
			for (ManagedContainer container : agent.bean(HollowContainerRuntime.class)
				.list(ManagedLabels.AGENT_ID, agent.id())) {
				String jobId = container.labels().get(ManagedLabels.JOB_ID);
				assertThat(agentOfJob.put(jobId, agent.id())).as("second container of job %s", jobId).isNull();
			}
		}
		return agentOfJob.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

}
