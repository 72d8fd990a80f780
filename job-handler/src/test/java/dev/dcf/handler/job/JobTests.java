package dev.dcf.handler.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Instant T1 = T0.plusSeconds(1);

	private static final Instant T2 = T0.plusSeconds(2);

	private static final Instant T3 = T0.plusSeconds(3);

	private static final Instant T4 = T0.plusSeconds(4);

	@Test
	void newJobIsCreatedInRunOneWithItsCreationOnTheTimeline() {
		Job job = TestJobs.job("alice", T0);

		assertThat(job.getId()).matches("[0-9a-f-]{36}");
		assertThat(job.getState()).isEqualTo(JobState.CREATED);
		assertThat(job.getRunNumber()).isEqualTo(1);
		assertThat(job.getOwner()).isEqualTo("alice");
		assertThat(job.getCreatedAt()).isEqualTo(T0);
		assertThat(job.getEvents()).containsExactly(new JobEvent(T0, 1, null, JobState.CREATED, "created by alice"));
		assertThat(TestJobs.domainEvents(job))
			.containsExactly(new JobStateChanged(job.getId(), 1, null, JobState.CREATED, "created by alice", T0));
	}

	@Test
	void newSettingsLeaveTheStateAndTheCurrentRunAsTheyAre() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T1);
		job.assignTo("agent-a", T1);
		job.markRunning(T2);
		Map<String, String> env = Map.of("RATE", "99");

		job.updateSettings(JobSettings.settingsOf(TestJobs.job(TestJobs.request().env(env).build(), "x", T0)),
				"settings changed by alice", T2);

		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.getRunNumber()).isEqualTo(1);
		assertThat(job.getAgentId()).isEqualTo("agent-a");
		assertThat(job.getEnvMap()).containsExactlyEntriesOf(env);
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(T2, 1, JobState.RUNNING, JobState.RUNNING, "settings changed by alice"));
	}

	@Test
	void keepsTheEnvironmentInTheGivenOrder() {
		Map<String, String> env = new java.util.LinkedHashMap<>();
		env.put("ZETA", "1");
		env.put("ALPHA", "2");
		env.put("MID", "3");
		Job job = TestJobs.job(TestJobs.request().env(env).build(), "alice", T0);

		assertThat(job.getEnv()).extracting(EnvVar::name).containsExactly("ZETA", "ALPHA", "MID");
		assertThat(job.getEnvMap()).containsExactlyEntriesOf(env);
	}

	@Test
	void aPinnedStartRunsTheDigestUntilTheNextPlainStartButAReplacementKeepsIt() {
		String digest = "sha256:" + "ab".repeat(32);
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.fail("no agent in time", T1);

		job.startPinned(digest, "run 1 again identically", T2);

		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunImage()).isEqualTo(digest);
		assertThat(job.getImage()).isNotEqualTo(digest);
		assertThat(job.getStateReason()).isEqualTo("run 1 again identically, pinned to image " + digest);
		job.assignTo("agent-a", T2);
		job.markRunning(T2);
		job.markLost("agent-a silent", T3);
		job.replace("agent-a lost", T3);
		assertThat(job.getRunImage()).as("the replacement continues the pinned start").isEqualTo(digest);
		job.fail("again", T4);
		job.start("started", T4);
		assertThat(job.getRunImage()).isEqualTo(job.getImage());
		assertThat(job.getRun().getPinnedImage()).isNull();
	}

	@Test
	void aReplacementRunKeepsTheStartAndItsOffsetsButForgetsTheAgentAndItsRefusals() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("agent-a", T0);
		job.returnToPlacement("agent-a", "unhealthy", T0.plusSeconds(1));
		job.assignTo("agent-b", T0.plusSeconds(2));
		job.markRunning(T0.plusSeconds(3));
		job.recordRunStartOffsets(500);
		job.acceptStatusSequence(7);
		job.markLost("agent-b silent", T0.plusSeconds(4));

		assertThat(job.getRun().getRefusedBy()).containsExactly("agent-a");
		job.replace("agent-b lost", T0.plusSeconds(5));

		JobRun run = job.getRun();
		assertThat(run.getNumber()).isEqualTo(2);
		assertThat(run.getAgentId()).isNull();
		assertThat(run.getRefusedBy()).isEmpty();
		assertThat(run.getStatusSequence()).isNull();
		assertThat(run.getFinishedAt()).isNull();
		assertThat(run.getStartedAt()).isEqualTo(T0.plusSeconds(3));
		assertThat(run.getStartOffsets()).isEqualTo(500);
		assertThat(run.isFirstOfStart()).isFalse();
	}

	@Test
	void aRunCannotBePinnedWhileTheJobIsUnderWay() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);

		assertThatExceptionOfType(JobConflictException.class)
			.isThrownBy(() -> job.startPinned("sha256:" + "ab".repeat(32), "again", T1));
		assertThat(job.getRun().getPinnedImage()).isNull();
	}

	@Test
	void startWithoutStartTimeDeploysWithNoAgentYet() {
		Job job = TestJobs.job("alice", T0);

		job.start("started by alice", T1);

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getAgentId()).isNull();
		assertThat(job.getStateReason()).isEqualTo("started by alice");
		assertThat(job.getStateChangedAt()).isEqualTo(T1);
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(T1, 1, JobState.CREATED, JobState.DEPLOYING, "started by alice"));
		assertThat(TestJobs.domainEvents(job)).last()
			.isEqualTo(
					new JobStateChanged(job.getId(), 1, JobState.CREATED, JobState.DEPLOYING, "started by alice", T1));
	}

	@Test
	void startWithStartTimeAheadIsScheduledUntilTheStartTime() {
		Instant startAt = T0.plus(Duration.ofMinutes(5));
		Job job = TestJobs.job(TestJobs.request().startAt(startAt).build(), "alice", T0);

		job.start("started by alice", T1);
		assertThat(job.getState()).isEqualTo(JobState.SCHEDULED);
		assertThat(job.getStateReason()).contains("starts at " + startAt);

		job.start("started by alice", T2);
		assertThat(job.getState()).isEqualTo(JobState.SCHEDULED);

		job.startTimeReached(startAt);
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getStateReason()).isEqualTo("start time reached");
	}

	@Test
	void startTimeInThePastAtStartDeploysAtOnce() {
		Job job = TestJobs.job(TestJobs.request().startAt(T1).build(), "alice", T0);

		job.start("started", T2);

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void startingADeployingJobAgainIsANoOp() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T1);
		int events = job.getEvents().size();

		job.start("started again", T2);

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getStateReason()).isEqualTo("started");
		assertThat(job.getEvents()).hasSize(events);
	}

	@Test
	void startingARunningJobIsRefusedNamingBothStates() {
		Job job = running();

		assertThatExceptionOfType(IllegalJobTransitionException.class).isThrownBy(() -> job.start("again", T4))
			.withMessageContaining("RUNNING")
			.withMessageContaining("DEPLOYING");
		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void assignToPlacesADeployingJobAndAnnouncesIt() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T1);

		job.assignTo("agent-1", T2);

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getAgentId()).isEqualTo("agent-1");
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(T2, 1, JobState.DEPLOYING, JobState.DEPLOYING, "placed on agent agent-1"));
		assertThat(TestJobs.domainEvents(job)).last().isEqualTo(new JobAssigned(job.getId(), 1, "agent-1", T2));
	}

	@Test
	void assignToIsRefusedUnlessDeploying() {
		Job job = TestJobs.job("alice", T0);

		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> job.assignTo("agent-1", T1))
			.withMessageContaining("CREATED");
		assertThat(job.getAgentId()).isNull();
	}

	@Test
	void markRunningRecordsTheStartOfTheDuration() {
		Job job = running();

		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.getRun().getStartedAt()).isEqualTo(T3);
		assertThat(job.getStateReason()).isEqualTo("all 2 containers started");
	}

	@Test
	void stopOfARunningJobAsksTheAgentToRemoveTheContainers() {
		Job job = running();

		assertThat(job.requestStop("stopped by alice", T4)).isEqualTo(JobState.STOPPING);
		assertThat(job.getStateReason()).isEqualTo("stopped by alice");
		assertThat(job.getRun().getFinishedAt()).isNull();
	}

	@Test
	void stopOfAPlacedDeployingJobIsStopping() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T1);
		job.assignTo("agent-1", T2);

		assertThat(job.requestStop("stopped by alice", T3)).isEqualTo(JobState.STOPPING);
	}

	@Test
	void stopBeforePlacementCompletesAtOnce() {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T1);

		assertThat(job.requestStop("stopped by alice", T2)).isEqualTo(JobState.COMPLETED);
		assertThat(job.getStateReason()).isEqualTo("stopped by alice before it was placed on an agent");
		assertThat(job.getRun().getFinishedAt()).isEqualTo(T2);
	}

	@Test
	void stopOfAScheduledJobCancelsTheStartBackToCreated() {
		Job job = TestJobs.job(TestJobs.request().startAt(T0.plusSeconds(600)).build(), "alice", T0);
		job.start("started", T1);

		assertThat(job.requestStop("stopped by alice", T2)).isEqualTo(JobState.CREATED);
		assertThat(job.getStateReason()).isEqualTo("stopped by alice; scheduled start cancelled");
		assertThat(job.getEvents()).last()
			.extracting(JobEvent::from, JobEvent::to)
			.containsExactly(JobState.SCHEDULED, JobState.CREATED);
	}

	@Test
	void stopIsIdempotentForJobsThatDoNotRun() {
		Job created = TestJobs.job("alice", T0);
		assertThat(created.requestStop("stop", T1)).isEqualTo(JobState.CREATED);
		assertThat(created.getEvents()).hasSize(1);

		Job stopping = running();
		stopping.requestStop("stop", T4);
		int events = stopping.getEvents().size();
		assertThat(stopping.requestStop("stop again", T4.plusSeconds(1))).isEqualTo(JobState.STOPPING);
		assertThat(stopping.getStateReason()).isEqualTo("stop");
		assertThat(stopping.getEvents()).hasSize(events);

		Job completed = running();
		completed.complete("duration over", T4);
		assertThat(completed.requestStop("stop", T4.plusSeconds(1))).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void completeRecordsTheReasonAndTheEnd() {
		Job job = running();
		job.requestStop("stopped by alice", T4);

		job.complete("containers removed", T4.plusSeconds(1));

		assertThat(job.getState()).isEqualTo(JobState.COMPLETED);
		assertThat(job.getStateReason()).isEqualTo("containers removed");
		assertThat(job.getRun().getFinishedAt()).isEqualTo(T4.plusSeconds(1));
	}

	@Test
	void repeatedCompleteIsANoOp() {
		Job job = running();
		job.complete("all containers exited with 0", T4);
		int events = job.getEvents().size();

		job.complete("again", T4.plusSeconds(1));

		assertThat(job.getEvents()).hasSize(events);
		assertThat(job.getRun().getFinishedAt()).isEqualTo(T4);
		assertThat(job.getStateReason()).isEqualTo("all containers exited with 0");
	}

	@Test
	void failRecordsTheReason() {
		Job job = running();

		job.fail("container 1 exited with code 3", T4);

		assertThat(job.getState()).isEqualTo(JobState.FAILED);
		assertThat(job.getStateReason()).isEqualTo("container 1 exited with code 3");
		assertThat(job.getRun().getFinishedAt()).isEqualTo(T4);
		assertThat(TestJobs.domainEvents(job)).last()
			.isEqualTo(new JobStateChanged(job.getId(), 1, JobState.RUNNING, JobState.FAILED,
					"container 1 exited with code 3", T4));
	}

	@Test
	void markLostRecordsTheReason() {
		Job job = running();

		job.markLost("agent agent-1 stopped heartbeating", T4);

		assertThat(job.getState()).isEqualTo(JobState.LOST);
		assertThat(job.getStateReason()).isEqualTo("agent agent-1 stopped heartbeating");
		assertThat(job.getRun().getFinishedAt()).isEqualTo(T4);
	}

	@Test
	void aLostRunResumesOnItsAgentWithItsOriginalStart() {
		Job job = running();
		Instant startedAt = job.getRun().getStartedAt();
		job.freezeRecordsProduced(40);
		job.markLost("agent agent-1 stopped heartbeating", T4);

		assertThat(job.isResumable()).isTrue();
		assertThat(job.resume("agent-1", "agent agent-1 is back with its containers", T4.plusSeconds(30))).isTrue();

		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.getRun().getStartedAt()).as("the duration counts from the first RUNNING").isEqualTo(startedAt);
		assertThat(job.getRun().getFinishedAt()).isNull();
		assertThat(job.getRun().getRecordsProduced()).as("counted live again").isNull();
		assertThat(job.getRunNumber()).isEqualTo(1);
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(T4.plusSeconds(30), 1, JobState.LOST, JobState.RUNNING,
					"agent agent-1 is back with its containers"));
	}

	@Test
	void onlyTheAgentOfTheLostRunCanResumeIt() {
		Job job = running();
		job.markLost("lost", T4);

		assertThat(job.resume("agent-2", "back", T4.plusSeconds(1))).isFalse();

		assertThat(job.getState()).isEqualTo(JobState.LOST);
		assertThat(running().resume("agent-1", "back", T4)).as("not LOST: nothing to resume").isFalse();
	}

	@Test
	void aLostRunThatWasStoppedIsNeverResumed() {
		Job job = running();
		job.markLost("lost", T4);

		assertThat(job.requestStop("stopped by alice", T4.plusSeconds(1))).isEqualTo(JobState.LOST);

		assertThat(job.isResumable()).isFalse();
		assertThat(job.getAgentId()).isNull();
		assertThat(job.getEvents()).last()
			.extracting(JobEvent::reason)
			.isEqualTo("stopped by alice while LOST: the containers on agent agent-1 are removed when it returns");
		assertThat(job.resume("agent-1", "back", T4.plusSeconds(2))).isFalse();
		int events = job.getEvents().size();
		job.requestStop("stopped again", T4.plusSeconds(3));
		assertThat(job.getEvents()).as("a repeated stop is a no-op").hasSize(events);
	}

	@Test
	void aNoteAddsATimelineEntryWithoutChangingTheState() {
		Job job = running();
		int events = TestJobs.domainEvents(job).size();

		job.note("agent agent-1 fell silent", T4);

		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(T4, 1, JobState.RUNNING, JobState.RUNNING, "agent agent-1 fell silent"));
		assertThat(TestJobs.domainEvents(job)).hasSize(events);
	}

	@Test
	void invalidChangeIsRefusedAndLeavesNoTrace() {
		Job job = TestJobs.job("alice", T0);

		assertThatExceptionOfType(IllegalJobTransitionException.class).isThrownBy(() -> job.fail("boom", T1))
			.withMessage("Invalid job state transition from CREATED to FAILED");
		assertThat(job.getState()).isEqualTo(JobState.CREATED);
		assertThat(job.getEvents()).hasSize(1);
		assertThat(TestJobs.domainEvents(job)).hasSize(1);
		assertThat(job.getRun().getFinishedAt()).isNull();
	}

	@Test
	void startingAFinishedJobAgainIsANewRun() {
		Job job = running();
		job.acceptStatusSequence(7);
		job.fail("container 0 exited with code 1", T4);
		Instant again = T4.plusSeconds(10);

		job.start("started by alice", again);

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getAgentId()).isNull();
		assertThat(job.getRun().getStartedAt()).isNull();
		assertThat(job.getRun().getFinishedAt()).isNull();
		assertThat(job.getRun().getStatusSequence()).isNull();
		assertThat(job.getEvents()).last()
			.isEqualTo(new JobEvent(again, 2, JobState.FAILED, JobState.DEPLOYING, "started by alice"));
		assertThat(job.getEvents()).extracting(JobEvent::runNumber).containsExactly(1, 1, 1, 1, 1, 2);
	}

	@Test
	void cancellingAScheduledStartDoesNotCountAsARun() {
		Job job = TestJobs.job(TestJobs.request().startAt(T0.plusSeconds(600)).build(), "alice", T0);
		job.start("started", T1);
		job.requestStop("stop", T2);

		job.start("started again", T3);

		assertThat(job.getState()).isEqualTo(JobState.SCHEDULED);
		assertThat(job.getRunNumber()).isEqualTo(1);
	}

	@Test
	void overlongReasonsAreCut() {
		Job job = running();

		job.fail("x".repeat(5000), T4);

		assertThat(job.getStateReason()).hasSize(Job.MAX_REASON_LENGTH).endsWith("...");
		assertThat(job.getEvents()).last().extracting(JobEvent::reason).isEqualTo(job.getStateReason());
	}

	@Test
	void staleStatusReportsAreRefused() {
		Job job = running();

		assertThat(job.acceptStatusSequence(10)).isTrue();
		assertThat(job.acceptStatusSequence(10)).isFalse();
		assertThat(job.acceptStatusSequence(9)).isFalse();
		assertThat(job.acceptStatusSequence(11)).isTrue();
		assertThat(job.getRun().getStatusSequence()).isEqualTo(11);
	}

	@Test
	void timelineCannotBeChangedFromOutside() {
		Job job = TestJobs.job("alice", T0);

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> job.getEvents().add(new JobEvent(T1, 1, null, JobState.RUNNING, "forged")));
		assertThat(job.getCommand()).isEqualTo(List.of());
	}

	/** A job RUNNING on agent-1 since T3. */
	@Test
	void aRunningJobStopsOnceTheBrokerCountedItsRecordLimit() {
		Job job = running(TestJobs.request().maxRecords(5000L).build());

		assertThat(job.recordsCounted(4999, T4)).isFalse();
		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.recordsCounted(5012, T4)).isTrue();
		assertThat(job.getState()).isEqualTo(JobState.STOPPING);
		assertThat(job.getStateReason()).isEqualTo("5000 records reached");
		assertThat(job.recordsCounted(6000, T4)).as("already stopping").isFalse();
	}

	@Test
	void aJobWithoutARecordLimitNeverStopsForItsCount() {
		Job job = running();

		assertThat(job.recordsCounted(Long.MAX_VALUE, T4)).isFalse();
		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
	}

	private static Job running() {
		return running(TestJobs.request().build());
	}

	private static Job running(JobRequest request) {
		Job job = TestJobs.job(request, "alice", T0);
		job.start("started", T1);
		job.assignTo("agent-1", T2);
		job.markRunning(T3);
		return job;
	}

}
