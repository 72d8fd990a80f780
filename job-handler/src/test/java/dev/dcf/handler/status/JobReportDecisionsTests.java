package dev.dcf.handler.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;

import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status decisions with a fixed clock: what each report makes of the job, and which
 * reports are kept out. The containers are kept the way the service keeps them.
 */
class JobReportDecisionsTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private final Clock clock = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);

	private Job job;

	private final List<JobContainer> containers = new ArrayList<>();

	private long sequence = 1000;

	@BeforeEach
	void deployingOnA1WithTwoContainers() {
		this.job = TestJobs.job(TestJobs.request().containers(2).build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
	}

	@Test
	void startedMakesADeployingJobRunning() {
		Outcome outcome = apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		assertThat(outcome.admission().accepted()).isTrue();
		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(this.job.getStateReason()).isEqualTo("all 2 containers started");
		assertThat(this.job.getRun().getStartedAt()).isEqualTo(this.clock.instant());
		assertThat(this.containers).extracting(JobContainer::getState)
			.containsExactly(ContainerState.RUNNING, ContainerState.RUNNING);
	}

	@Test
	void anUnhealthyAgentsRefusalSendsTheJobBackToPlacementWithoutThatAgent() {
		apply(refusal("a1", StartFailure.AGENT_UNHEALTHY, "agent a1 is unhealthy: docker (daemon not reachable)"));

		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.job.getAgentId()).isNull();
		assertThat(this.job.getRun().getRefusedBy()).containsExactly("a1");
		assertThat(this.job.getStateReason()).isEqualTo(
				"agent a1 refused the job, placing it elsewhere: agent a1 is unhealthy: docker (daemon not reachable)");
		assertThat(this.job.getRun().getFinishedAt()).isNull();
	}

	@Test
	void aFullAgentsRefusalSendsTheJobBackToPlacement() {
		apply(refusal("a1", StartFailure.NO_CAPACITY,
				"not enough capacity on agent a1: 9 of at most 10 containers active, the job needs 2"));

		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.job.getAgentId()).isNull();
		assertThat(this.job.getRun().getRefusedBy()).containsExactly("a1");
	}

	@Test
	void theReportedCauseDecidesNotTheReasonText() {
		apply(refusal("a1", StartFailure.NO_CAPACITY, "agent is full (worded by a newer agent)"));

		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.job.getRun().getRefusedBy()).containsExactly("a1");
	}

	@Test
	void aRefusalAfterThePlacementMovedOnChangesNothing() {
		apply(refusal("a1", StartFailure.AGENT_UNHEALTHY, "agent a1 is unhealthy: docker"));
		this.job.assignTo("a2", this.clock.instant());

		Outcome late = apply(refusal("a1", StartFailure.AGENT_UNHEALTHY, "agent a1 is unhealthy: docker"));

		assertThat(late.admission().accepted()).isFalse();
		assertThat(this.job.getAgentId()).isEqualTo("a2");
		assertThat(this.job.getRun().getRefusedBy()).containsExactly("a1");
	}

	@ParameterizedTest
	@EnumSource(value = StartFailure.class, names = { "AGENT_UNHEALTHY", "NO_CAPACITY" }, mode = Mode.EXCLUDE)
	void realStartFailuresAndUnknownCausesFailAtOnce(StartFailure cause) {
		// the text of a refusal does not count when the agent names another cause
		apply(refusal("a1", cause, "agent a1 is unhealthy: docker"));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason())
			.isEqualTo("agent a1 could not start the job: agent a1 is unhealthy: docker");
		assertThat(this.job.getRun().getRefusedBy()).isEmpty();
	}

	@Test
	void anAgentThatSendsNoCauseIsUnderstoodByItsRefusalTexts() {
		assertThat(JobReportDecisions
			.isPassingRefusal(report("a1", JobReport.Kind.START_FAILED, "agent a1 is unhealthy: docker"))).isTrue();
		assertThat(JobReportDecisions.isPassingRefusal(report("a1", JobReport.Kind.START_FAILED,
				"not enough capacity on agent a1: 5 of at most 5 containers active, the job needs 1")))
			.isTrue();
		assertThat(JobReportDecisions.isPassingRefusal(
				report("a1", JobReport.Kind.START_FAILED, "image 'x' is not allowed on agent a1 (allowed: y)")))
			.isFalse();
		assertThat(JobReportDecisions
			.isPassingRefusal(report("a1", JobReport.Kind.START_FAILED, "cannot pull image 'x': not found"))).isFalse();
		assertThat(JobReportDecisions.isPassingRefusal(report("a1", JobReport.Kind.START_FAILED, null))).isFalse();
		// another agent's name in the text is not this agent's refusal
		assertThat(JobReportDecisions
			.isPassingRefusal(report("a1", JobReport.Kind.START_FAILED, "agent a2 is unhealthy: docker"))).isFalse();

		apply(report("a1", JobReport.Kind.START_FAILED, "cannot pull image 'x': not found"));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getRun().getRefusedBy()).isEmpty();
	}

	@Test
	void startFailedFailsTheJobWithTheAgentsReason() {
		apply(report("a1", JobReport.Kind.START_FAILED, "image 'x' is not allowed on agent a1"));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason())
			.isEqualTo("agent a1 could not start the job: image 'x' is not allowed on agent a1");
	}

	@Test
	void anExitCodeOtherThanZeroFailsTheJobNamingContainerAndCode() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(1, 3)));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason()).isEqualTo("container dcf-" + this.job.getId() + "-1 exited with code 3");
	}

	@Test
	void aContainerItsAgentRestartsKeepsTheJobRunningAndTheTimelineTellsIt() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(new JobReport("a1", ++this.sequence, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.CONTAINER_RESTARTED, null, "exited", List.of(exited(0, 1)), this.clock.instant(), null,
				new JobReport.Restart(2, 3, Duration.ofSeconds(4))));
		// the other container ends well meanwhile: the restarting one is neither failed
		// nor done
		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(1, 0)));

		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(this.job.getEvents()).last()
			.satisfies((event) -> assertThat(event.reason())
				.isEqualTo("container dcf-" + this.job.getId() + "-0 exited with code 1; restart 2 of 3 in 4s"));
		assertThat(this.containers.get(0).getState()).isEqualTo(ContainerState.RESTARTING);
	}

	@Test
	void aRestartedContainerThatExitedBeforeItsStartedWasSentWaitsForItsExitReport() {
		this.job = TestJobs.job(TestJobs.request().containers(1).restart(2, "10m", "1s", "1s").build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0)));
		apply(new JobReport("a1", ++this.sequence, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.CONTAINER_RESTARTED, null, "exited", List.of(exited(0, 1)), this.clock.instant(), null,
				new JobReport.Restart(1, 2, Duration.ofSeconds(1))));
		// the new container exited again within milliseconds: the agent's STARTED lists
		// it
		// as exited
		apply(new JobReport("a1", ++this.sequence, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.STARTED, null, null, List.of(exited(0, 1)), this.clock.instant(), null,
				new JobReport.Restart(1, 2, Duration.ofSeconds(1))));

		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(this.containers.get(0).getState()).isEqualTo(ContainerState.RESTARTING);

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 1)));
		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
	}

	@Test
	void withoutARestartPolicyAContainerThatAStartedListsAsFailedFailsTheJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), exited(1, 2)));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
	}

	@Test
	void aDeadContainerFailsTheJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "dead", container(0, ContainerState.DEAD, null)));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason()).isEqualTo("container dcf-" + this.job.getId() + "-0 died");
	}

	@Test
	void aJobWithARecordLimitTheBrokerCountedCompletesWithTheLimitReached() {
		this.job = TestJobs.job(TestJobs.request().containers(2).maxRecords(5000L).build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.produced = OptionalLong.of(5000);

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 0), exited(1, 0)));

		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).isEqualTo("5000 records reached: all 2 containers exited with code 0");
	}

	@Test
	void aJobWithARecordLimitThatExitedShortOfItSaysOnlyThatItExited() {
		this.job = TestJobs.job(TestJobs.request().containers(1).maxRecords(5000L).build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0)));
		this.produced = OptionalLong.of(4000);

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 0)));

		assertThat(this.job.getStateReason()).isEqualTo("the container exited with code 0");
	}

	@Test
	void aJobStoppedForItsRecordLimitEndsWithThatReason() {
		this.job = TestJobs.job(TestJobs.request().containers(1).maxRecords(300L).build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0)));
		this.job.recordsCounted(320, T0.plusSeconds(9));

		apply(report("a1", JobReport.Kind.REMOVED, null, container(0, ContainerState.REMOVED, 143)));

		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).isEqualTo("300 records reached: containers removed by agent a1");
	}

	@Test
	void theJobCompletesWhenAllItsContainersExitedWithZero() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 0)));
		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(1, 0)));
		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).isEqualTo("all 2 containers exited with code 0");
	}

	@Test
	void removedCompletesAStoppingJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.job.requestStop("stopped by alice", T0.plusSeconds(20));

		apply(report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 143)));
		assertThat(this.job.getState()).as("exits while stopping are expected").isEqualTo(JobState.STOPPING);

		apply(report("a1", JobReport.Kind.REMOVED, null, container(0, ContainerState.REMOVED, 143),
				container(1, ContainerState.REMOVED, 143)));
		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).isEqualTo("stopped by alice: containers removed by agent a1");
	}

	@Test
	void aFailedRemovalFailsTheStoppingJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.job.requestStop("stopped by alice", T0.plusSeconds(20));

		apply(report("a1", JobReport.Kind.REMOVE_FAILED, "could not remove 1 of 2 containers: daemon timeout"));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason())
			.isEqualTo("agent a1 could not remove the containers: could not remove 1 of 2 containers: daemon timeout");
	}

	@Test
	void aStoppedDeployingJobIgnoresItsLateStartAndCompletesOnRemoval() {
		this.job.requestStop("stopped by alice", T0.plusSeconds(2));

		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		assertThat(this.job.getState()).isEqualTo(JobState.STOPPING);

		apply(report("a1", JobReport.Kind.REMOVED, null));
		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aRepeatedReportIsStaleAndChangesNothing() {
		JobReport started = report("a1", JobReport.Kind.STARTED, null, running(0), running(1));
		apply(started);
		int timeline = this.job.getEvents().size();

		Outcome again = apply(started);

		assertThat(again.admission().accepted()).isFalse();
		assertThat(again.admission().why()).startsWith("stale");
		assertThat(this.job.getEvents()).hasSize(timeline);
	}

	@Test
	void anOlderReportArrivingLateIsIgnored() {
		JobReport early = report("a1", JobReport.Kind.CONTAINER_EXITED, "exited", exited(0, 1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		Outcome late = apply(early);

		assertThat(late.admission().accepted()).isFalse();
		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void reportsOfAnOlderRunAreIgnoredAndTheirStartedContainersRemoved() {
		apply(report("a1", JobReport.Kind.START_FAILED, "no capacity"));
		this.job.start("started again", T0.plusSeconds(30));
		this.job.assignTo("a2", T0.plusSeconds(31));

		Outcome late = apply(new JobReport("a1", ++this.sequence, this.job.getId(), 1, null, JobReport.Kind.STARTED,
				null, null, List.of(), T0));

		assertThat(this.job.getRunNumber()).isEqualTo(2);
		assertThat(late.admission().accepted()).isFalse();
		assertThat(late.admission().removeContainers()).isTrue();
		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void reportsFromAnAgentTheJobIsNotPlacedOnAreIgnored() {
		Outcome outcome = apply(report("a2", JobReport.Kind.STARTED, null, running(0), running(1)));

		assertThat(outcome.admission().accepted()).isFalse();
		assertThat(outcome.admission().why()).isEqualTo("the job is placed on agent a1");
		assertThat(outcome.admission().removeContainers()).isTrue();
		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void startedContainersOfAnEndedJobMustGo() {
		this.job.markLost("agent a1 stopped heartbeating", T0.plusSeconds(5));

		Outcome outcome = apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		assertThat(outcome.decision().removeContainers()).isTrue();
		assertThat(this.job.getState()).isEqualTo(JobState.LOST);
	}

	@Test
	void removalWhileRunningFailsTheJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(report("a1", JobReport.Kind.REMOVED, null));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason())
			.isEqualTo("the containers were removed on agent a1 while the job was RUNNING");
	}

	@Test
	void containersRemovedByTheAgentAtTheirDeadlineCompleteTheJobOnce() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(removed(RemovalCause.DEADLINE));

		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).startsWith("ran for its duration of ")
			.endsWith(": agent a1 removed the containers at their deadline");
		int events = this.job.getEvents().size();
		apply(removed(RemovalCause.DEADLINE));
		assertThat(this.job.getEvents()).as("once").hasSize(events);
	}

	@Test
	void containersRemovedByAnAgentThatFencedItselfFailTheJob() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));

		apply(removed(RemovalCause.SELF_FENCED));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason())
			.isEqualTo("agent a1 was cut off from Kafka and stopped the containers itself: cut off");
	}

	@Test
	void aLostJobWhoseAgentRemovedItsRunAtTheDeadlineCompletes() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.job.markLost("agent a1 stopped heartbeating", this.clock.instant());

		apply(removed(RemovalCause.DEADLINE));

		assertThat(this.job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(this.job.getStateReason()).endsWith(": agent a1 removed the containers at their deadline");
	}

	@Test
	void aLostJobThatWaitsForItsAgentFailsWhenTheAgentReportsItFencedItself() {
		this.job = TestJobs.job(TestJobs.request().containers(2).onAgentLost("wait").build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.job.markLost("agent a1 stopped heartbeating", this.clock.instant());

		apply(removed(RemovalCause.SELF_FENCED));

		assertThat(this.job.getState()).isEqualTo(JobState.FAILED);
		assertThat(this.job.getStateReason()).startsWith("agent a1 was cut off from Kafka and stopped the containers");
	}

	@Test
	void anExclusiveLostJobIsReplacedWhenItsAgentReportsItFencedItself() {
		this.job = TestJobs.job(TestJobs.request().containers(2).exclusive(true).build(), "alice", T0);
		this.job.start("started by alice", T0);
		this.job.assignTo("a1", T0.plusSeconds(1));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		this.job.markLost("agent a1 stopped heartbeating", this.clock.instant());

		apply(removed(RemovalCause.SELF_FENCED));

		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.job.getRunNumber()).isEqualTo(2);
		assertThat(this.job.getStateReason())
			.isEqualTo("agent a1 stopped the containers of run 1 itself (cut off from Kafka): run 1 replaced by run 2");
	}

	private JobReport removed(RemovalCause cause) {
		return new JobReport("a1", ++this.sequence, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.REMOVED, null, "cut off", List.of(), this.clock.instant(), cause);
	}

	@Test
	void pullProgressOfTheJobsAgentKeepsItDeployingAndMovesItsDeployTimeout() {
		int timeline = this.job.getEvents().size();

		Outcome outcome = apply(report("a1", JobReport.Kind.PULLING, "pulling image dcf/gen:1 for 0 s"));

		assertThat(outcome.admission().accepted()).isTrue();
		assertThat(outcome.decision().removeContainers()).isFalse();
		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(this.job.getAgentId()).isEqualTo("a1");
		assertThat(this.job.getRun().getDeployProgressAt()).isEqualTo(this.clock.instant());
		assertThat(this.job.getEvents()).hasSize(timeline + 1);
		assertThat(this.job.getEvents().get(timeline).reason())
			.isEqualTo("agent a1 is pulling image " + this.job.getImage());
	}

	@Test
	void onlyTheFirstPullProgressOfARunGoesOnTheTimeline() {
		apply(report("a1", JobReport.Kind.PULLING, "pulling image dcf/gen:1 for 0 s"));
		int timeline = this.job.getEvents().size();

		apply(report("a1", JobReport.Kind.PULLING, "pulling image dcf/gen:1 for 15 s"));
		apply(report("a1", JobReport.Kind.PULLING, "pulling image dcf/gen:1 for 30 s"));

		assertThat(this.job.getEvents()).hasSize(timeline);
		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void pullProgressFromAnotherAgentOrRunOrOutOfOrderIsIgnored() {
		Outcome otherAgent = apply(report("a2", JobReport.Kind.PULLING, "pulling"));
		Outcome otherRun = apply(new JobReport("a1", ++this.sequence, this.job.getId(), this.job.getRunNumber() - 1,
				null, JobReport.Kind.PULLING, null, "pulling", List.of(), this.clock.instant()));
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		Outcome stale = apply(new JobReport("a1", this.sequence - 1, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.PULLING, null, "pulling", List.of(), this.clock.instant()));

		assertThat(otherAgent.admission().accepted()).isFalse();
		assertThat(otherAgent.admission().removeContainers()).isFalse();
		assertThat(otherRun.admission().accepted()).isFalse();
		assertThat(otherRun.admission().removeContainers()).isFalse();
		assertThat(stale.admission().accepted()).isFalse();
		assertThat(this.job.getRun().getDeployProgressAt()).isNull();
		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void pullProgressOfARunningJobChangesNothing() {
		apply(report("a1", JobReport.Kind.STARTED, null, running(0), running(1)));
		int timeline = this.job.getEvents().size();

		Outcome late = apply(report("a1", JobReport.Kind.PULLING, "pulling"));

		assertThat(late.decision().summary()).isEqualTo("the job is RUNNING");
		assertThat(this.job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(this.job.getEvents()).hasSize(timeline);
		assertThat(this.job.getRun().getDeployProgressAt()).isNull();
	}

	@Test
	void unknownKindsChangeNothing() {
		apply(report("a1", JobReport.Kind.UNKNOWN, null));

		assertThat(this.job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	/** Admits, keeps the containers like the service does, and decides. */
	/** What the broker counted for the run, asked when all containers exited with 0. */
	private OptionalLong produced = OptionalLong.empty();

	private Outcome apply(JobReport report) {
		JobReportDecisions.Admission admission = JobReportDecisions.admit(this.job, report);
		if (!admission.accepted()) {
			return new Outcome(admission, null);
		}
		for (ReportedContainer reported : report.containers()) {
			JobContainer container = this.containers.stream()
				.filter((known) -> known.getIndex() == reported.index())
				.findFirst()
				.orElseGet(() -> {
					JobContainer created = new JobContainer(this.job.getId(), report.runNumber(), reported.index(),
							report.agentId(), this.clock.instant());
					this.containers.add(created);
					return created;
				});
			container.observe(reported.containerId(), reported.name(),
					JobReportDecisions.recordedState(this.job, report, reported), reported.exitCode(),
					reported.startedAt(), reported.finishedAt(), this.clock.instant());
		}
		return new Outcome(admission, JobReportDecisions.decide(this.job, report, List.copyOf(this.containers),
				() -> this.produced, this.clock.instant()));
	}

	private JobReport report(String agentId, JobReport.Kind kind, String reason, ReportedContainer... containers) {
		return new JobReport(agentId, ++this.sequence, this.job.getId(), this.job.getRunNumber(), null, kind, null,
				reason, List.of(containers), this.clock.instant());
	}

	private JobReport refusal(String agentId, StartFailure cause, String reason) {
		return new JobReport(agentId, ++this.sequence, this.job.getId(), this.job.getRunNumber(), null,
				JobReport.Kind.START_FAILED, cause, reason, List.of(), this.clock.instant());
	}

	private ReportedContainer running(int index) {
		return container(index, ContainerState.RUNNING, null);
	}

	private ReportedContainer exited(int index, int code) {
		return container(index, ContainerState.EXITED, code);
	}

	private ReportedContainer container(int index, ContainerState state, Integer exitCode) {
		return new ReportedContainer(this.job.getId(), this.job.getRunNumber(), index, "c" + index,
				"dcf-" + this.job.getId() + "-" + index, state, exitCode, T0, null);
	}

	private record Outcome(JobReportDecisions.Admission admission, JobReportDecisions.Decision decision) {
	}

}
