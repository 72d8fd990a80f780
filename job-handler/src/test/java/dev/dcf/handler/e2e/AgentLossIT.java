package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An agent that stops heartbeating is LOST within the timeout (4 s here), and its job
 * with it (policy {@code wait}); the job's containers keep running. When the agent comes
 * back with them, the run resumes with the same containers; a LOST job that was stopped
 * meanwhile has its containers removed instead.
 */
class AgentLossIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("loss", TOPICS, Map.of("it", "loss"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aSilentAgentIsLostWithItsJobAndOnReturnWithTheContainersRunningTheJobResumes() {
		String id = create(waiting(sleeper("loss", 2)));
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		Object startedAt = job(id).get("startedAt");
		List<String> containers = ids(docker.runningContainersOfJob(id));

		agent.close();

		// timeout 4 s after the last heartbeat, checked every 0.5 s
		Map<String, Object> lost = awaitState(id, "LOST", Duration.ofSeconds(15));
		assertThat((String) lost.get("stateReason")).startsWith("agent " + agent.id() + " stopped heartbeating");
		assertThat(agent(agent.id()).get("status")).isEqualTo("LOST");
		assertThat(docker.runningContainersOfJob(id)).as("a stopped agent leaves its containers running").hasSize(2);

		agent.start();

		Map<String, Object> resumed = awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		assertThat((String) resumed.get("stateReason")).endsWith("run resumed");
		assertThat(resumed.get("startedAt")).as("the duration counts from the first start").isEqualTo(startedAt);
		assertThat(resumed.get("runNumber")).isEqualTo(1);
		assertThat(ids(docker.runningContainersOfJob(id))).containsExactlyInAnyOrderElementsOf(containers);
		stop(id);
		awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
	}

	@Test
	void aLostJobStoppedWhileItsAgentWasAwayHasItsContainersRemovedOnReturn() {
		String id = create(waiting(sleeper("loss", 1)));
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		agent.close();
		awaitState(id, "LOST", Duration.ofSeconds(15));
		stop(id);
		agent.start();

		await().atMost(DEPLOY_TIMEOUT).untilAsserted(() -> assertThat(docker.containersOfJob(id)).isEmpty());
		assertThat(state(id)).isEqualTo("LOST");
		assertThat(events(id)).last()
			.satisfies((event) -> assertThat((String) event.get("reason")).contains("while LOST"));
	}

	/** The job stays LOST when its agent is lost (no replacement elsewhere). */
	private static Map<String, Object> waiting(Map<String, Object> job) {
		job.put("onAgentLost", "wait");
		return job;
	}

	private static List<String> ids(List<Container> containers) {
		return containers.stream().map(Container::getId).toList();
	}

}
