package dev.dcf.handler.job;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobMoveTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Instant T1 = T0.plusSeconds(1);

	private static final Instant T2 = T0.plusSeconds(2);

	@Test
	void aRunningJobMovedOffItsDrainingAgentStartsTheNextRunPlacedOnTheNewAgent() {
		Job job = running("agent-a");
		TestJobs.domainEvents(job);

		boolean moved = job.moveOff("agent-a", "agent-b", T2);

		assertThat(moved).isTrue();
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getAgentId()).isEqualTo("agent-b");
		assertThat(job.getRun().getStartedAt()).as("the duration counts from the first run").isEqualTo(T1);
		assertThat(job.needsTopicPreparation()).as("the start's topic stays prepared").isFalse();
		assertThat(job.getEvents()).extracting(JobEvent::reason)
			.contains("moved off draining agent agent-a: run 1 replaced by run 2 on agent agent-b",
					"placed on agent agent-b");
		assertThat(TestJobs.domainEvents(job)).contains(
				new JobRunMoved(job.getId(), 1, "agent-a",
						"moved off draining agent agent-a: run 1 replaced by run 2 on agent agent-b", T2),
				new JobAssigned(job.getId(), 2, "agent-b", T2));
	}

	@Test
	void onlyARunningJobOnThatAgentMoves() {
		Job elsewhere = running("agent-c");
		Job deploying = TestJobs.job("alice", T0);
		deploying.start("started", T0);
		deploying.assignTo("agent-a", T0);

		assertThat(elsewhere.moveOff("agent-a", "agent-b", T2)).isFalse();
		assertThat(deploying.moveOff("agent-a", "agent-b", T2)).isFalse();
		assertThat(elsewhere.getRunNumber()).isEqualTo(1);
		assertThat(deploying.getAgentId()).isEqualTo("agent-a");
	}

	private static Job running(String agentId) {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.topicPrepared(java.util.List.of(), T0);
		job.assignTo(agentId, T0);
		job.markRunning(T1);
		return job;
	}

}
