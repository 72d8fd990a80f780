package dev.dcf.handler.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elapsed time, progress and the actions a row offers.
 */
class JobRowTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final Actor ALICE = new Actor("alice", false);

	private static final Actor BOB = new Actor("bob", false);

	private static final Actor ROOT = new Actor("root", true);

	@Test
	void aNewJobHasNoElapsedTimeAndMayBeStartedOrDeletedByItsOwner() {
		Job job = TestJobs.job("alice", T0);

		JobRow row = JobRow.of(job, ALICE, T0.plusSeconds(5));

		assertThat(row.elapsedSeconds()).isNull();
		assertThat(row.progressPercent()).isZero();
		assertThat(row.running()).isFalse();
		assertThat(row.canStart()).isTrue();
		assertThat(row.canStop()).isFalse();
		assertThat(row.canDelete()).isTrue();
		assertThat(row.stateColor()).isEqualTo("secondary");
	}

	@Test
	void aRunningJobCountsFromRunningAgainstItsDuration() {
		Job job = running(T0);

		JobRow row = JobRow.of(job, ALICE, T0.plusSeconds(15));

		assertThat(row.elapsedSeconds()).isEqualTo(15);
		assertThat(row.progressPercent()).isEqualTo(25);
		assertThat(row.running()).isTrue();
		assertThat(row.canStart()).isFalse();
		assertThat(row.canStop()).isTrue();
		assertThat(row.canDelete()).isFalse();
		assertThat(row.startedAtMillis()).isEqualTo(T0.toEpochMilli());
	}

	@Test
	void aFinishedRunKeepsItsLengthAndProgressStopsAtAHundred() {
		Job job = running(T0);
		job.complete("stopped", T0.plusSeconds(90));

		JobRow row = JobRow.of(job, ALICE, T0.plusSeconds(500));

		assertThat(row.elapsedSeconds()).isEqualTo(90);
		assertThat(row.progressPercent()).isEqualTo(100);
		assertThat(row.running()).isFalse();
		assertThat(row.canStart()).isTrue();
		assertThat(row.finishedAtMillis()).isEqualTo(T0.plusSeconds(90).toEpochMilli());
	}

	@Test
	void onlyTheOwnerOrAnAdministratorGetsActions() {
		Job job = running(T0);

		assertThat(JobRow.of(job, BOB, T0).canStop()).isFalse();
		assertThat(JobRow.of(job, BOB, T0).mayControl()).isFalse();
		assertThat(JobRow.of(job, ROOT, T0).canStop()).isTrue();
	}

	private static Job running(Instant since) {
		Job job = TestJobs.job("alice", since.minusSeconds(10));
		job.start("started", since.minusSeconds(5));
		job.assignTo("agent-1", since.minusSeconds(5));
		job.markRunning(since);
		return job;
	}

}
