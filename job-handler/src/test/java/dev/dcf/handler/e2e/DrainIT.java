package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An administrator drains an agent with {@code move}: its running job is stopped there
 * and started as a new run on the other agent, a new job goes to the other agent, the
 * mark is stored; after undraining, placement chooses the agent again. A plain user may
 * not drain.
 */
class DrainIT extends EndToEndTest {

	private static final String LABEL = "drain";

	private static TestAgent first;

	private static TestAgent second;

	private static Docker docker;

	@Autowired
	AgentRepository agents;

	@BeforeAll
	static void agents() {
		docker = new Docker();
		first = Agents.start("drain-1", TOPICS, Map.of("it", LABEL));
		second = Agents.start("drain-2", TOPICS, Map.of("it", LABEL));
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
	void aDrainedAgentsJobMovesToTheOtherAgentAndItTakesNoNewJobUntilUndrained() {
		JobsApi admin = new JobsApi(this.client, "admin", "admin-secret");
		String moved = create(sleeper(LABEL, 1));
		Map<String, Object> running = awaitState(moved, "RUNNING", DEPLOY_TIMEOUT);
		String drained = (String) running.get("agentId");
		String other = drained.equals(first.id()) ? second.id() : first.id();

		this.alice.post()
			.uri("/api/agents/{id}/drain", drained)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("move", true))
			.exchange()
			.expectStatus()
			.isForbidden();
		admin.client()
			.post()
			.uri("/api/agents/{id}/drain", drained)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("move", true))
			.exchange()
			.expectStatus()
			.isOk();

		await().atMost(DEPLOY_TIMEOUT).untilAsserted(() -> {
			Map<String, Object> job = job(moved);
			assertThat(job.get("runNumber")).isEqualTo(2);
			assertThat(job.get("state")).isEqualTo("RUNNING");
		});
		assertThat(job(moved).get("agentId")).isEqualTo(other);
		assertThat(job(moved).get("startedAt")).as("the duration counts from the first run")
			.isEqualTo(running.get("startedAt"));
		assertThat(events(moved)).extracting((event) -> (String) event.get("reason"))
			.contains("moved off draining agent " + drained + ": run 1 replaced by run 2 on agent " + other);
		await().atMost(DEPLOY_TIMEOUT)
			.untilAsserted(() -> assertThat(docker.runningContainersOfJob(moved)).singleElement()
				.satisfies((container) -> assertThat(container.getLabels()).containsEntry("dcf.run", "2")
					.containsEntry("dcf.agent-id", other)));
		assertThat(agent(drained)).containsEntry("draining", true).containsEntry("drainMove", true);
		assertThat(this.agents.findById(drained)).hasValueSatisfying((stored) -> {
			assertThat(stored.isDraining()).isTrue();
			assertThat(stored.getDrainedBy()).isEqualTo("admin");
		});

		// the drained agent is the least loaded, yet the new job goes to the other one
		String placedElsewhere = create(sleeper(LABEL, 1));
		assertThat(awaitState(placedElsewhere, "RUNNING", DEPLOY_TIMEOUT).get("agentId")).isEqualTo(other);

		admin.client().post().uri("/api/agents/{id}/undrain", drained).exchange().expectStatus().isOk();
		assertThat(agent(drained)).containsEntry("draining", false);
		String placedAgain = create(sleeper(LABEL, 1));
		assertThat(awaitState(placedAgain, "RUNNING", DEPLOY_TIMEOUT).get("agentId")).isEqualTo(drained);

		for (String id : new String[] { moved, placedElsewhere, placedAgain }) {
			stop(id);
		}
		for (String id : new String[] { moved, placedElsewhere, placedAgain }) {
			awaitState(id, "COMPLETED", Duration.ofSeconds(60));
		}
	}

}
