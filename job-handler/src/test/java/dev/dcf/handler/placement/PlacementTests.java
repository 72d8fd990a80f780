package dev.dcf.handler.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTests {

	private static final long MIB = 1024L * 1024L;

	private static final long GIB = 1024L * MIB;

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Demand ONE = new Demand(1, 256 * MIB, Map.of());

	@Test
	void anAgentThatRefusedTheRunIsNotChosenAgain() {
		Demand refusedByA2 = new Demand(1, 256 * MIB, Map.of(), Set.of("a2"));

		Placement.Choice choice = Placement.choose(refusedByA2, List.of(healthy("a1", 5, 10), healthy("a2", 0, 10)));
		Placement.Choice none = Placement.choose(refusedByA2, List.of(healthy("a2", 0, 10)));

		assertThat(choice.agentId()).isEqualTo("a1");
		assertThat(none.placed()).isFalse();
		assertThat(none.reason()).isEqualTo("no agent can take it: agent a2 refused this run already");
	}

	@Test
	void aJobsRefusalsBecomePartOfItsDemandAndANewRunForgetsThem() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("a1", T0);
		job.returnToPlacement("a1", "agent a1 is unhealthy: docker", T0.plusSeconds(1));

		assertThat(Demand.of(job).refusedBy()).containsExactly("a1");

		job.fail("gave up", T0.plusSeconds(2));
		job.start("again", T0.plusSeconds(3));

		assertThat(Demand.of(job).refusedBy()).isEmpty();
	}

	@Test
	void aDeployingJobFailsWhenItsAgentDoesNotAnswerWithinTheDeployTimeout() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		Instant placed = T0.plusSeconds(100);
		job.assignTo("a1", placed);
		Duration timeout = Duration.ofMinutes(2);

		assertThat(PlacementService.overdue(job, timeout, placed.plus(timeout).minusMillis(1))).isEmpty();
		assertThat(PlacementService.overdue(job, timeout, placed.plus(timeout)))
			.contains("agent a1 did not answer the start instruction within 2m");
	}

	@Test
	void theDeployTimeoutCountsFromThePlacementNotFromDeploying() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("a1", T0.plusSeconds(10));
		job.returnToPlacement("a1", "agent a1 is unhealthy: docker", T0.plusSeconds(11));
		job.assignTo("a2", T0.plusSeconds(100));

		assertThat(PlacementService.overdue(job, Duration.ofSeconds(90), T0.plusSeconds(189))).isEmpty();
		assertThat(PlacementService.overdue(job, Duration.ofSeconds(90), T0.plusSeconds(190)))
			.contains("agent a2 did not answer the start instruction within 1m30s");
	}

	@Test
	void theDeployTimeoutCountsFromTheAgentsNewestPullProgress() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("a1", T0);
		job.deployProgress("agent a1 is pulling image dcf/gen:1", T0.plusSeconds(15));
		job.deployProgress("agent a1 is pulling image dcf/gen:1", T0.plusSeconds(100));
		Duration timeout = Duration.ofMinutes(2);

		assertThat(PlacementService.overdue(job, timeout, T0.plusSeconds(219))).isEmpty();
		assertThat(PlacementService.overdue(job, timeout, T0.plusSeconds(220)))
			.contains("agent a1 did not answer the start instruction within 2m of its last pull progress report");
	}

	@Test
	void progressOfAnEarlierPlacementDoesNotCountForTheNextAgent() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("a1", T0);
		job.deployProgress("agent a1 is pulling image dcf/gen:1", T0.plusSeconds(50));
		job.returnToPlacement("a1", "agent a1 is unhealthy: docker", T0.plusSeconds(60));
		job.assignTo("a2", T0.plusSeconds(70));

		assertThat(job.getRun().getDeployProgressAt()).isNull();
		assertThat(PlacementService.overdue(job, Duration.ofMinutes(2), T0.plusSeconds(190)))
			.contains("agent a2 did not answer the start instruction within 2m");
	}

	@Test
	void jobsWithoutAgentOrNotDeployingAreNeverOverdue() {
		Job waiting = TestJobs.job("alice", T0);
		waiting.start("started", T0);
		Job running = TestJobs.job("alice", T0);
		running.start("started", T0);
		running.assignTo("a1", T0);
		running.markRunning(T0.plusSeconds(1));
		Instant late = T0.plus(Duration.ofDays(1));

		assertThat(PlacementService.overdue(waiting, Duration.ofMinutes(2), late)).isEmpty();
		assertThat(PlacementService.overdue(running, Duration.ofMinutes(2), late)).isEmpty();
	}

	@Test
	void timeoutsAreDescribedShortly() {
		assertThat(PlacementService.describe(Duration.ofMinutes(2))).isEqualTo("2m");
		assertThat(PlacementService.describe(Duration.ofSeconds(45))).isEqualTo("45s");
		assertThat(PlacementService.describe(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(PlacementService.describe(Duration.ofMillis(1500))).isEqualTo("1500ms");
	}

	@Test
	void choosesTheLeastLoadedHealthyAgent() {
		Placement.Choice choice = Placement.choose(ONE,
				List.of(healthy("a1", 5, 10), healthy("a2", 2, 10), healthy("a3", 3, 4)));

		assertThat(choice.placed()).isTrue();
		assertThat(choice.agentId()).isEqualTo("a2");
	}

	@Test
	void loadIsTheShareOfSlotsInUseNotTheCount() {
		// a1: 4 of 20 (20 %), a2: 2 of 4 (50 %)
		assertThat(Placement.choose(ONE, List.of(healthy("a1", 4, 20), healthy("a2", 2, 4))).agentId()).isEqualTo("a1");
	}

	@Test
	void equalLoadGoesToFewestContainersThenToTheSmallestId() {
		// both 50 %: a2 runs fewer containers
		assertThat(Placement.choose(ONE, List.of(healthy("a1", 4, 8), healthy("a2", 2, 4))).agentId()).isEqualTo("a2");
		assertThat(Placement.choose(ONE, List.of(healthy("b", 1, 4), healthy("a", 1, 4))).agentId()).isEqualTo("a");
	}

	@Test
	void agentsThatAreNotHealthyAreNeverChosen() {
		List<AgentSnapshot> agents = List.of(agent("a1", AgentState.UNHEALTHY, List.of("docker"), Map.of(), 0, 20),
				agent("a2", AgentState.STOPPING, List.of(), Map.of(), 0, 20),
				agent("a3", AgentState.LOST, List.of(), Map.of(), 0, 20));

		Placement.Choice choice = Placement.choose(ONE, agents);

		assertThat(choice.placed()).isFalse();
		assertThat(choice.reason())
			.isEqualTo("no agent can take it: agent a1 unhealthy (docker); agent a2 stopping; agent a3 lost");
	}

	@Test
	void theAgentMustCarryEveryLabelTheJobAsksFor() {
		Demand gpu = new Demand(1, 256 * MIB, Map.of("gpu", "true", "zone", "eu"));
		AgentSnapshot both = agent("a1", AgentState.HEALTHY, List.of(), Map.of("gpu", "true", "zone", "eu", "x", "y"),
				10, 20);
		AgentSnapshot wrongValue = agent("a2", AgentState.HEALTHY, List.of(), Map.of("gpu", "false", "zone", "eu"), 0,
				20);
		AgentSnapshot none = healthy("a3", 0, 20);

		assertThat(Placement.choose(gpu, List.of(both, wrongValue, none)).agentId()).isEqualTo("a1");
		assertThat(Placement.choose(gpu, List.of(wrongValue, none)).reason())
			.isEqualTo("no agent can take it: agent a2 lacks label gpu=true; agent a3 lacks labels gpu=true, zone=eu");
	}

	@Test
	void freeContainerSlotsAndMemoryMustSuffice() {
		Demand three = new Demand(3, 3 * 512 * MIB, Map.of());
		AgentSnapshot twoSlots = healthy("a1", 18, 20);
		AgentSnapshot littleMemory = new AgentSnapshot("a2", AgentState.HEALTHY, List.of(), Map.of(), 20, 0,
				1000 * MIB);
		AgentSnapshot fits = healthy("a3", 17, 20);

		assertThat(Placement.choose(three, List.of(twoSlots, littleMemory, fits)).agentId()).isEqualTo("a3");
		assertThat(Placement.choose(three, List.of(twoSlots, littleMemory)).reason())
			.isEqualTo("no agent can take it: agent a1 has 2 free container slots, the job needs 3; "
					+ "agent a2 has 1000 MiB free memory, the job needs 1536 MiB");
	}

	@Test
	void aDrainingAgentIsNeverChosenEvenWhenItIsTheLeastLoaded() {
		AgentSnapshot draining = new AgentSnapshot("a1", AgentState.HEALTHY, List.of(), Map.of(), 20, 0, 8 * GIB, true);
		AgentSnapshot busy = healthy("a2", 19, 20);

		assertThat(Placement.choose(ONE, List.of(draining, busy)).agentId()).isEqualTo("a2");
		assertThat(Placement.choose(ONE, List.of(draining)).reason())
			.isEqualTo("no agent can take it: agent a1 is draining");
		assertThat(draining.withPlaced(ONE).draining()).isTrue();
	}

	@Test
	void withoutAgentsTheReasonSaysSo() {
		assertThat(Placement.choose(ONE, List.of()).reason())
			.isEqualTo("no agent can take it: no agent has registered");
	}

	@Test
	void jobsPlacedOneAfterAnotherSpreadOverEmptyAgents() {
		Map<String, AgentSnapshot> agents = new HashMap<>(
				Map.of("a1", healthy("a1", 0, 20), "a2", healthy("a2", 0, 20)));
		List<String> chosen = new ArrayList<>();

		for (int i = 0; i < 4; i++) {
			String agentId = Placement.choose(ONE, agents.values()).agentId();
			chosen.add(agentId);
			agents.computeIfPresent(agentId, (id, agent) -> agent.withPlaced(ONE));
		}

		assertThat(chosen).containsExactly("a1", "a2", "a1", "a2");
		assertThat(agents.get("a1").memoryFreeBytes()).isEqualTo(8 * GIB - 2 * 256 * MIB);
	}

	@Test
	void aHeartbeatShowsOnlyJobsReportedBeforeIt() {
		Agent agent = TestAgents.agent(heartbeat("a1", 100), T0);
		Job deploying = placed("a1");
		Job runningSeen = placed("a1");
		runningSeen.markRunning(T0);
		runningSeen.acceptStatusSequence(99);
		Job runningUnseen = placed("a1");
		runningUnseen.markRunning(T0);
		runningUnseen.acceptStatusSequence(101);
		Job stopping = placed("a1");
		stopping.markRunning(T0);
		stopping.acceptStatusSequence(101);
		stopping.requestStop("stopped", T0);

		assertThat(PlacementService.notYetInHeartbeat(deploying, agent)).isTrue();
		assertThat(PlacementService.notYetInHeartbeat(runningSeen, agent)).isFalse();
		assertThat(PlacementService.notYetInHeartbeat(runningUnseen, agent)).isTrue();
		assertThat(PlacementService.notYetInHeartbeat(stopping, agent)).isFalse();
	}

	private static Job placed(String agentId) {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo(agentId, T0);
		return job;
	}

	private static AgentHeartbeat heartbeat(String agentId, long sequence) {
		return new AgentHeartbeat(agentId, sequence, T0, AgentState.HEALTHY, List.of(),
				new AgentCapacity(4, 16 * GIB, 8 * GIB, null, 0, 20), Map.of(), "host", "0.1.0", null,
				Duration.ofSeconds(5), List.of());
	}

	private static AgentSnapshot healthy(String id, int containers, int maxContainers) {
		return agent(id, AgentState.HEALTHY, List.of(), Map.of(), containers, maxContainers);
	}

	private static AgentSnapshot agent(String id, AgentState status, List<String> failedChecks,
			Map<String, String> labels, int containers, int maxContainers) {
		return new AgentSnapshot(id, status, failedChecks, labels, maxContainers, containers, 8 * GIB);
	}

}
