package dev.dcf.handler.job;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a firing of a job's recurring schedule does on the {@link Job} aggregate: start a
 * run, skip or queue it while a run is active, nothing when disarmed or repeated.
 */
class RecurringRunTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void aFiringStartsARunFromCreatedAndANewRunAfterTheLastEnded() {
		Job job = scheduled("skip");

		assertThat(job.scheduleFired(T0, T0)).isEqualTo(FiringOutcome.STARTED);
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(1);
		assertThat(job.getStateReason()).isEqualTo("started by schedule: firing at 10:00:00");

		job.complete("ran for its duration", T0.plusSeconds(5));
		assertThat(job.scheduleFired(T0.plusSeconds(10), T0.plusSeconds(10))).isEqualTo(FiringOutcome.STARTED);
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
	}

	@Test
	void aFiringWhileARunIsActiveIsSkippedAndNoted() {
		Job job = runningAfterFirstFiring("skip");

		assertThat(job.scheduleFired(T0.plusSeconds(10), T0.plusSeconds(10))).isEqualTo(FiringOutcome.SKIPPED);

		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		assertThat(job.getRunNumber()).isEqualTo(1);
		assertThat(lastReason(job)).isEqualTo("firing at 10:00:10 skipped: run 1 still RUNNING");
		job.complete("ran for its duration", T0.plusSeconds(12));
		assertThat(job.takeQueuedStart(T0.plusSeconds(12))).isFalse();
		assertThat(job.getState()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aFiringWhileARunIsActiveIsQueuedOnceAndStartsWhenTheRunEnds() {
		Job job = runningAfterFirstFiring("queue");

		assertThat(job.scheduleFired(T0.plusSeconds(10), T0.plusSeconds(10))).isEqualTo(FiringOutcome.QUEUED);
		assertThat(lastReason(job)).isEqualTo("firing at 10:00:10 queued: run 1 still RUNNING");
		assertThat(job.scheduleFired(T0.plusSeconds(20), T0.plusSeconds(20))).isEqualTo(FiringOutcome.SKIPPED);
		assertThat(lastReason(job))
			.isEqualTo("firing at 10:00:20 skipped: run 1 still RUNNING and a firing is queued already");
		assertThat(job.takeQueuedStart(T0.plusSeconds(21))).as("run still active").isFalse();

		job.requestStop("ran for its duration", T0.plusSeconds(25));
		job.complete("containers removed", T0.plusSeconds(26));
		assertThat(job.takeQueuedStart(T0.plusSeconds(26))).isTrue();

		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		assertThat(job.getRunNumber()).isEqualTo(2);
		assertThat(job.getStateReason()).isEqualTo("started by schedule: firing at 10:00:10, queued until run 1 ended");
		assertThat(job.hasQueuedStart()).isFalse();
		assertThat(job.takeQueuedStart(T0.plusSeconds(27))).isFalse();
	}

	@Test
	void theSameFiringTwiceStartsOneRun() {
		Job job = scheduled("skip");
		job.scheduleFired(T0, T0);
		job.fail("create failed", T0.plusSeconds(1));

		assertThat(job.scheduleFired(T0, T0.plusSeconds(2))).isEqualTo(FiringOutcome.IGNORED);
		assertThat(job.scheduleFired(T0.minusSeconds(10), T0.plusSeconds(2))).isEqualTo(FiringOutcome.IGNORED);

		assertThat(job.getState()).isEqualTo(JobState.FAILED);
		assertThat(job.getRunNumber()).isEqualTo(1);
	}

	@Test
	void aPausedScheduleStartsNothingAndDropsItsQueuedFiring() {
		Job job = runningAfterFirstFiring("queue");
		job.scheduleFired(T0.plusSeconds(10), T0.plusSeconds(10));

		assertThat(job.disarmSchedule("schedule paused by alice", T0.plusSeconds(11))).isTrue();
		assertThat(job.hasQueuedStart()).isFalse();
		job.complete("ran for its duration", T0.plusSeconds(12));
		assertThat(job.scheduleFired(T0.plusSeconds(20), T0.plusSeconds(20))).isEqualTo(FiringOutcome.IGNORED);
		assertThat(job.getState()).isEqualTo(JobState.COMPLETED);

		assertThat(job.armSchedule("schedule resumed by alice", T0.plusSeconds(21))).isTrue();
		assertThat(job.armSchedule("schedule resumed by alice", T0.plusSeconds(21))).isFalse();
		assertThat(job.scheduleFired(T0.plusSeconds(30), T0.plusSeconds(30))).isEqualTo(FiringOutcome.STARTED);
	}

	@Test
	void theFiringTimeIsShownInTheSchedulesZone() {
		Job job = TestJobs.job(TestJobs.request().schedule("0 0 * * * ?", "Europe/Berlin", null).build(), "alice", T0);
		job.armSchedule("started by alice", T0);
		job.scheduleFired(T0, T0);

		assertThat(job.getStateReason()).isEqualTo("started by schedule: firing at 12:00:00");
	}

	@Test
	void aJobWithoutScheduleCannotBePausedOrResumed() {
		Job job = TestJobs.job("alice", T0);

		assertThatExceptionOfType(JobConflictException.class)
			.isThrownBy(() -> job.disarmSchedule("paused by alice", T0));
		assertThatExceptionOfType(JobConflictException.class).isThrownBy(() -> job.armSchedule("by alice", T0));
		assertThat(job.scheduleFired(T0, T0)).isEqualTo(FiringOutcome.IGNORED);
	}

	private static Job scheduled(String overlap) {
		Job job = TestJobs.job(TestJobs.request().schedule("0/10 * * * * ?", null, overlap).build(), "alice",
				T0.minusSeconds(60));
		assertThat(job.scheduleFired(T0.minusSeconds(30), T0.minusSeconds(30))).as("not armed yet")
			.isEqualTo(FiringOutcome.IGNORED);
		job.armSchedule("started by alice", T0.minusSeconds(30));
		return job;
	}

	private static Job runningAfterFirstFiring(String overlap) {
		Job job = scheduled(overlap);
		job.scheduleFired(T0, T0);
		job.assignTo("agent-1", T0.plusSeconds(1));
		job.markRunning(T0.plusSeconds(2));
		return job;
	}

	private static String lastReason(Job job) {
		return job.getEvents().get(job.getEvents().size() - 1).reason();
	}

}
