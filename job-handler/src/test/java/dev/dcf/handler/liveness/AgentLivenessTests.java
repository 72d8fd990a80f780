package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liveness on the real database with the time passed in: the handler started at
 * {@code T0}, the timeout is 20 s.
 */
@DataJpaTest(showSql = false)
@Import(AgentService.class)
class AgentLivenessTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	AgentService agentService;

	@Autowired
	AgentRepository agents;

	@Autowired
	JobRepository jobs;

	private AgentLiveness liveness() {
		return new AgentLiveness(this.agents, this.jobs, new LivenessProperties(TIMEOUT, Duration.ofSeconds(1)),
				Clock.fixed(T0, ZoneOffset.UTC));
	}

	@Test
	void nobodyIsLostDuringOneTimeoutAfterTheHandlerStarted() {
		String agent = heardAt(T0.minusSeconds(600));

		assertThat(liveness().markSilentAgentsLost(T0.plusSeconds(19))).isEmpty();

		assertThat(this.agents.findById(agent).orElseThrow().getStatus()).isEqualTo(AgentState.HEALTHY);
	}

	@Test
	void anAgentSilentForLongerThanTheTimeoutIsLostWithItsActiveJobs() {
		String silent = heardAt(T0.plusSeconds(5));
		String alive = heardAt(T0.plusSeconds(30));
		Job running = job(silent, JobState.RUNNING);
		Job stopping = job(silent, JobState.STOPPING);
		Job completed = job(silent, JobState.COMPLETED);
		Job elsewhere = job(alive, JobState.RUNNING);
		Instant now = T0.plusSeconds(26);

		assertThat(liveness().markSilentAgentsLost(now)).containsExactly(silent);

		assertThat(this.agents.findById(silent).orElseThrow().getStatus()).isEqualTo(AgentState.LOST);
		assertThat(this.agents.findById(alive).orElseThrow().getStatus()).isEqualTo(AgentState.HEALTHY);
		Job lost = this.jobs.findById(running.getId()).orElseThrow();
		assertThat(lost.getState()).isEqualTo(JobState.LOST);
		assertThat(lost.getStateReason()).isEqualTo(
				"agent " + silent + " stopped heartbeating (last heartbeat " + T0.plusSeconds(5) + ", timeout 20 s)");
		assertThat(lost.getFinishedAt()).isEqualTo(now);
		assertThat(this.jobs.findById(stopping.getId()).orElseThrow().getState()).isEqualTo(JobState.LOST);
		assertThat(this.jobs.findById(completed.getId()).orElseThrow().getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.jobs.findById(elsewhere.getId()).orElseThrow().getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void anAgentHeardWithinTheTimeoutStaysAndALostOneIsNotLostTwice() {
		String agent = heardAt(T0.plusSeconds(10));

		assertThat(liveness().markSilentAgentsLost(T0.plusSeconds(30))).isEmpty();
		assertThat(liveness().markSilentAgentsLost(T0.plusSeconds(31))).containsExactly(agent);
		assertThat(liveness().markSilentAgentsLost(T0.plusSeconds(40))).isEmpty();
	}

	private String heardAt(Instant at) {
		String id = "a-" + UUID.randomUUID().toString().substring(0, 8);
		this.agentService.recordHeartbeat(TestAgents.healthy(id, 1, at), at);
		return id;
	}

	private Job job(String agentId, JobState state) {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo(agentId, T0);
		if (state != JobState.DEPLOYING) {
			job.markRunning(T0);
		}
		if (state == JobState.STOPPING) {
			job.requestStop("stopped", T0);
		}
		if (state == JobState.COMPLETED) {
			job.complete("done", T0);
		}
		return this.jobs.save(job);
	}

}
