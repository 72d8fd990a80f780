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
 * A job's agent is lost (4 s of silence here) and the job's policy is {@code replace}
 * (the default): a new run starts on the other agent carrying the job's labels, the
 * duration counts on from the first run, and afterwards only the new run's containers
 * exist. Both agents share this machine's Docker daemon, so the new run's containers take
 * the old ones' names: the agent replaces the old run's containers (a superseded run is
 * never adopted).
 */
class ReplacementIT extends EndToEndTest {

	private static TestAgent first;

	private static TestAgent second;

	private static Docker docker;

	@BeforeAll
	static void agents() {
		docker = new Docker();
		first = Agents.start("replace-1", TOPICS, Map.of("it", "replace"));
		second = Agents.start("replace-2", TOPICS, Map.of("it", "replace"));
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
	void aRunWhoseAgentIsLostIsReplacedByANewRunOnAnotherAgent() {
		String id = create(sleeper("replace", 2));
		Map<String, Object> running = awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		Object startedAt = running.get("startedAt");
		String lostAgent = (String) running.get("agentId");
		TestAgent lost = lostAgent.equals(first.id()) ? first : second;
		TestAgent other = (lost == first) ? second : first;

		lost.close();

		await().atMost(DEPLOY_TIMEOUT).untilAsserted(() -> {
			Map<String, Object> job = job(id);
			assertThat(job.get("runNumber")).isEqualTo(2);
			assertThat(job.get("state")).isEqualTo("RUNNING");
		});
		Map<String, Object> replaced = job(id);
		assertThat(replaced.get("agentId")).isEqualTo(other.id());
		assertThat(replaced.get("startedAt")).as("the duration counts from the first run").isEqualTo(startedAt);
		assertThat(events(id)).extracting((event) -> (String) event.get("reason"))
			.contains("agent " + lostAgent + " is LOST: run 1 replaced by run 2", "placed on agent " + other.id());
		List<Container> containers = docker.containersOfJob(id);
		assertThat(containers).hasSize(2)
			.allSatisfy((container) -> assertThat(container.getLabels()).containsEntry("dcf.run", "2")
				.containsEntry("dcf.agent-id", other.id()));

		lost.start();
		await().atMost(DEPLOY_TIMEOUT)
			.untilAsserted(() -> assertThat(agent(lost.id()).get("status")).isEqualTo("HEALTHY"));
		assertThat(state(id)).isEqualTo("RUNNING");
		assertThat(docker.runningContainersOfJob(id)).as("one run's containers only").hasSize(2);
		stop(id);
		awaitState(id, "COMPLETED", Duration.ofSeconds(60));
	}

}
