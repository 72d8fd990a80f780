package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent that stops heartbeating is LOST within the timeout (4 s here), and its job
 * with it; when it comes back, the containers it kept running for the lost job are
 * removed.
 */
class AgentLossIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = TestAgent.start("loss", TOPICS, Map.of("it", "loss"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aSilentAgentIsLostWithItsJobAndOnReturnItsContainersOfTheLostJobAreRemoved() {
		String id = create(sleeper("loss", 2));
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		agent.close();

		// timeout 4 s after the last heartbeat, checked every 0.5 s
		Map<String, Object> lost = awaitState(id, "LOST", Duration.ofSeconds(15));
		assertThat((String) lost.get("stateReason"))
			.startsWith("agent " + agent.id() + " stopped heartbeating (last heartbeat ");
		assertThat(agent(agent.id()).get("status")).isEqualTo("LOST");
		assertThat(docker.runningContainersOfJob(id)).as("a stopped agent leaves its containers running").hasSize(2);

		agent.start();

		await().atMost(DEPLOY_TIMEOUT)
			.untilAsserted(() -> assertThat(agent(agent.id()).get("status")).isEqualTo("HEALTHY"));
		await().atMost(DEPLOY_TIMEOUT).untilAsserted(() -> assertThat(docker.containersOfJob(id)).isEmpty());
		assertThat(state(id)).isEqualTo("LOST");
	}

}
