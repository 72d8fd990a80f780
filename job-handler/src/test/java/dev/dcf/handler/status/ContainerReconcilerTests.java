package dev.dcf.handler.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ForeignContainer;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.RunOnAgent;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerReconcilerTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void containersOfJobsThatShouldNotRunOnTheAgentMustGo() {
		Job lost = running("a1");
		lost.markLost("agent a1 stopped heartbeating", T0);
		Job elsewhere = running("a2");
		Job restarted = running("a1");
		restarted.complete("stopped", T0);
		restarted.start("started again", T0);
		restarted.assignTo("a1", T0);

		List<ContainerReconciler.Removal> removals = ContainerReconciler.removals("a1",
				List.of(container("gone", 1, 0), container(lost.getId(), 1, 0), container(lost.getId(), 1, 1),
						container(elsewhere.getId(), 1, 0), container(restarted.getId(), 1, 0),
						container(restarted.getId(), 2, 0)),
				Map.of(lost.getId(), lost, elsewhere.getId(), elsewhere, restarted.getId(), restarted));

		assertThat(removals).containsExactlyInAnyOrder(
				new ContainerReconciler.Removal("gone", 1, "job gone does not exist (any more)"),
				new ContainerReconciler.Removal(lost.getId(), 1, "job " + lost.getId() + " is LOST"),
				new ContainerReconciler.Removal(elsewhere.getId(), 1,
						"job " + elsewhere.getId() + " is placed on agent a2"),
				new ContainerReconciler.Removal(restarted.getId(), 1,
						"run 1 of job " + restarted.getId() + " was replaced by run 2"));
	}

	@Test
	void aDryRunsContainerIsNoDeletedJobsLeftover() {
		assertThat(ContainerReconciler.removals("a1", List.of(container("dry-run-1", 0, 0)), Map.of())).isEmpty();
	}

	@Test
	void containersOfActiveJobsOnTheirAgentStay() {
		Job deploying = TestJobs.job("alice", T0);
		deploying.start("started", T0);
		deploying.assignTo("a1", T0);
		Job running = running("a1");
		Job stopping = running("a1");
		stopping.requestStop("stopped by alice", T0);

		assertThat(ContainerReconciler.removals("a1",
				List.of(container(deploying.getId(), 1, 0), container(running.getId(), 1, 0),
						container(stopping.getId(), 1, 0)),
				Map.of(deploying.getId(), deploying, running.getId(), running, stopping.getId(), stopping)))
			.isEmpty();
	}

	@Test
	void aLostJobWhoseRunsContainersAllRunOnItsAgentIsResumable() {
		Job lost = running("a1");
		lost.markLost("agent a1 stopped heartbeating", T0);
		Job partly = running("a1");
		partly.markLost("agent a1 stopped heartbeating", T0);
		Job stopped = running("a1");
		stopped.markLost("agent a1 stopped heartbeating", T0);
		stopped.requestStop("stopped by alice", T0);
		Job stillRunning = running("a1");
		ReportedContainer exited = new ReportedContainer(partly.getId(), 1, 1, "x", "x", ContainerState.EXITED, 1, T0,
				T0);

		List<Job> resumable = ContainerReconciler.resumable("a1",
				List.of(container(lost.getId(), 1, 0), container(lost.getId(), 1, 1), container(partly.getId(), 1, 0),
						exited, container(stopped.getId(), 1, 0), container(stopped.getId(), 1, 1),
						container(stillRunning.getId(), 1, 0), container(stillRunning.getId(), 1, 1)),
				List.of(lost, partly, stopped, stillRunning));

		assertThat(resumable).containsExactly(lost);
		assertThat(ContainerReconciler.resumable("a2",
				List.of(container(lost.getId(), 1, 0), container(lost.getId(), 1, 1)), List.of(lost)))
			.as("only on its own agent")
			.isEmpty();
	}

	@Test
	void containersOfALostJobAreLeftAloneWhileTheAgentsListMayBeStale() {
		Job lost = running("a1");
		lost.markLost("agent a1 stopped heartbeating", T0);

		assertThat(ContainerReconciler.removals("a1", List.of(container(lost.getId(), 1, 0)),
				Map.of(lost.getId(), lost), false))
			.isEmpty();
		assertThat(ContainerReconciler.removals("a1", List.of(container(lost.getId(), 1, 0)),
				Map.of(lost.getId(), lost), true))
			.hasSize(1);
	}

	@Test
	void containersOfGoneOrUnknownAgentsWhoseRunShouldNotRunAreOrphansToRemove() {
		Job replaced = running("a2");
		replaced.markLost("agent dead stopped heartbeating", T0);
		replaced.replace("agent dead is LOST", T0);
		replaced.assignTo("a2", T0);
		Job ended = running("dead");
		ended.complete("stopped", T0);
		Job waiting = running("dead");
		waiting.markLost("agent dead stopped heartbeating", T0);
		Job neighbours = running("alive");

		List<ContainerReconciler.Removal> orphans = ContainerReconciler.orphans(
				List.of(foreign("dead", "gone", 1), foreign("dead", replaced.getId(), 1), foreign("", ended.getId(), 1),
						foreign("dead", waiting.getId(), 1), foreign("alive", neighbours.getId(), 1),
						foreign("dead", neighbours.getId(), 1)),
				Map.of(replaced.getId(), replaced, ended.getId(), ended, waiting.getId(), waiting, neighbours.getId(),
						neighbours),
				Map.of("dead", AgentState.LOST, "alive", AgentState.HEALTHY));

		assertThat(orphans).extracting(ContainerReconciler.Removal::jobId)
			.as("not the waiting job's (its agent may return), not a live agent's, not an active run's")
			.containsExactlyInAnyOrder("gone", replaced.getId(), ended.getId());
		assertThat(orphans).filteredOn((removal) -> removal.jobId().equals(replaced.getId()))
			.extracting(ContainerReconciler.Removal::reason)
			.containsExactly("orphan of agent dead: run 1 of job " + replaced.getId() + " was replaced by run 2");
		assertThat(orphans).filteredOn((removal) -> removal.jobId().equals(ended.getId()))
			.extracting(ContainerReconciler.Removal::reason)
			.containsExactly("orphan of no known agent: job " + ended.getId() + " is COMPLETED on agent dead");
	}

	@Test
	void containersWhoseJobAndAgentAreBothUnknownBelongToAnotherInstallationAndStay() {
		List<ContainerReconciler.Removal> orphans = ContainerReconciler.orphans(List
			.of(foreign("elsewhere", "their-job", 1), foreign("", "unlabelled-job", 1), foreign("dead", "gone", 1)),
				Map.of(), Map.of("dead", AgentState.LOST));

		assertThat(orphans).extracting(ContainerReconciler.Removal::jobId)
			.as("only the deleted job of an agent this handler knows")
			.containsExactly("gone");
	}

	@Test
	void aHeartbeatShowingEveryRunningContainerOfItsAgentCallsForNothing() {
		List<RunOnAgent> runs = List.of(new RunOnAgent("j1", JobState.RUNNING, 1, 2, 4L),
				new RunOnAgent("j2", JobState.DEPLOYING, 1, 1, null),
				new RunOnAgent("j3", JobState.STOPPING, 2, 1, 4L));

		assertThat(ContainerReconciler.nothingToDo(5, List.of(container("j1", 1, 0), container("j1", 1, 1),
				container("j3", 2, 0), container("j3", 3, 0), container("dry-run-1", 0, 0)), runs))
			.isTrue();
	}

	@Test
	void aHeartbeatThatMayChangeSomethingIsLeftToTheFullReconciliation() {
		RunOnAgent running = new RunOnAgent("j1", JobState.RUNNING, 2, 2, 4L);
		List<ReportedContainer> both = List.of(container("j1", 2, 0), container("j1", 2, 1));

		// a container missing from a heartbeat newer than the job's report
		assertThat(ContainerReconciler.nothingToDo(5, List.of(container("j1", 2, 0)), List.of(running))).isFalse();
		// an older run's container, one of a job not placed here, a LOST job
		assertThat(ContainerReconciler.nothingToDo(5,
				List.of(container("j1", 2, 0), container("j1", 2, 1), container("j1", 1, 0)), List.of(running)))
			.isFalse();
		assertThat(ContainerReconciler.nothingToDo(5,
				List.of(container("j1", 2, 0), container("j1", 2, 1), container("other", 1, 0)), List.of(running)))
			.isFalse();
		assertThat(ContainerReconciler.nothingToDo(5, both,
				List.of(running, new RunOnAgent("j2", JobState.LOST, 1, 1, 4L))))
			.isFalse();
		// a heartbeat not newer than the job's report need not show its containers
		assertThat(ContainerReconciler.nothingToDo(4, List.of(), List.of(running))).isTrue();
		assertThat(ContainerReconciler.nothingToDo(5, both, List.of(running))).isTrue();
	}

	private static ForeignContainer foreign(String startedBy, String jobId, int run) {
		return new ForeignContainer(startedBy, container(jobId, run, 0));
	}

	@Test
	void containersOfARunNobodyKnowsAreLeftAlone() {
		Job job = running("a1");

		assertThat(ContainerReconciler.removals("a1", List.of(container(job.getId(), 7, 0)), Map.of(job.getId(), job)))
			.isEmpty();
	}

	@Test
	void containersOfRunningJobsMissingFromTheReportAreFound() {
		Job complete = running("a1");
		Job partial = running("a1");

		Map<Job, Set<Integer>> missing = ContainerReconciler.missing(
				List.of(container(complete.getId(), 1, 0), container(complete.getId(), 1, 1),
						container(partial.getId(), 1, 1), container(partial.getId(), 0, 0)),
				List.of(complete, partial));

		assertThat(missing).containsOnlyKeys(partial);
		assertThat(missing.get(partial)).containsExactly(0);
	}

	private static Job running(String agentId) {
		Job job = TestJobs.job(TestJobs.request().containers(2).build(), "alice", T0);
		job.start("started", T0);
		job.assignTo(agentId, T0);
		job.markRunning(T0);
		return job;
	}

	private static ReportedContainer container(String jobId, int run, int index) {
		return new ReportedContainer(jobId, run, index, "id-" + index, "dcf-" + jobId + "-" + index,
				ContainerState.RUNNING, null, T0, null);
	}

}
