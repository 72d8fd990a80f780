package dev.dcf.handler.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Placement over two real agents: jobs are spread, least loaded first.
 */
class PlacementIT extends EndToEndTest {

	private static TestAgent first;

	private static TestAgent second;

	private static Docker docker;

	@BeforeAll
	static void agents() {
		docker = new Docker();
		first = Agents.start("spread-1", TOPICS, Map.of("it", "spread"));
		second = Agents.start("spread-2", TOPICS, Map.of("it", "spread"));
	}

	@AfterAll
	static void cleanUp() {
		first.close();
		second.close();
		docker.removeAllOf(first.id());
		docker.removeAllOf(second.id());
		docker.close();
	}

	@Test
	void fourJobsOnTwoAgentsAreSpreadOverBoth() {
		// both agents known and healthy before the jobs come
		await().atMost(DEPLOY_TIMEOUT)
			.untilAsserted(() -> assertThat(agentStatuses()).containsEntry(first.id(), "HEALTHY")
				.containsEntry(second.id(), "HEALTHY"));
		List<String> jobs = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			jobs.add(create(sleeper("spread", 1)));
		}

		List<String> agentIds = new ArrayList<>();
		for (String id : jobs) {
			agentIds.add((String) awaitState(id, "RUNNING", DEPLOY_TIMEOUT).get("agentId"));
		}

		Map<String, Long> jobsPerAgent = agentIds.stream()
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(jobsPerAgent).containsOnlyKeys(first.id(), second.id());
		assertThat(jobsPerAgent.values()).containsOnly(2L);
		for (String id : jobs) {
			assertThat(docker.runningContainersOfJob(id)).hasSize(1);
			stop(id);
		}
		for (String id : jobs) {
			awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
		}
	}

}
