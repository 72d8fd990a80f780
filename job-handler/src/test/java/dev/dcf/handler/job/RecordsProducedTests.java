package dev.dcf.handler.job;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import dev.dcf.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records produced: end offsets now minus at RUNNING, offsets cached a few seconds,
 * frozen when the run left RUNNING. A fake offsets port and a settable clock.
 */
class RecordsProducedTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private long endOffsets = 1000;

	private int reads;

	private boolean reachable = true;

	private final RecordsProduced records = new RecordsProduced((topic) -> {
		this.reads++;
		return this.reachable ? OptionalLong.of(this.endOffsets) : OptionalLong.empty();
	}, null, this.clock);

	@Test
	void aRunningJobCountsWhatItsTopicGrewBySinceItBecameRunning() {
		Job job = running(1000);
		this.endOffsets = 1040;

		assertThat(this.records.of(job)).hasValue(40);
	}

	@Test
	void theOffsetsAreCachedForAFewSeconds() {
		Job job = running(1000);
		this.endOffsets = 1010;
		assertThat(this.records.of(job)).hasValue(10);

		this.endOffsets = 1020;
		this.clock.advance(RecordsProduced.CACHE_TIME.minusMillis(1));
		assertThat(this.records.of(job)).hasValue(10);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.records.of(job)).hasValue(20);
		assertThat(this.reads).isEqualTo(2);
	}

	@Test
	void theFrozenFigureWinsOnceTheRunLeftRunning() {
		Job job = running(1000);
		job.freezeRecordsProduced(40);
		job.complete("done", T0.plusSeconds(5));
		this.endOffsets = 5000;

		assertThat(this.records.of(job)).hasValue(40);
		assertThat(this.reads).isZero();
	}

	@Test
	void unknownWhenTheOffsetsCannotBeReadOrTheRunNeverRan() {
		Job deploying = TestJobs.job("alice", T0);
		deploying.start("started", T0);
		Job noStart = TestJobs.job("alice", T0);
		noStart.start("started", T0);
		noStart.assignTo("a1", T0);
		noStart.markRunning(T0);
		Job job = running(1000);
		this.reachable = false;

		assertThat(this.records.of(deploying)).isEmpty();
		assertThat(this.records.of(noStart)).isEmpty();
		assertThat(this.records.of(job)).isEmpty();
	}

	@Test
	void aTopicThatShrankNeverGivesANegativeCount() {
		Job job = running(1000);
		this.endOffsets = 10;

		assertThat(this.records.of(job)).hasValue(0);
	}

	@Test
	void aNewRunForgetsTheOldFigures() {
		Job job = running(1000);
		job.freezeRecordsProduced(40);
		job.complete("done", T0.plusSeconds(5));

		job.start("again", T0.plusSeconds(6));

		assertThat(job.getRun().getRecordsProduced()).isNull();
		assertThat(job.getRun().getStartOffsets()).isNull();
		assertThat(this.records.of(job)).isEmpty();
	}

	@Test
	void theCacheDoesNotGrowWithTheNumberOfJobsDeployedOverTime() {
		for (int i = 0; i < 1000; i++) {
			Job job = TestJobs.job(new TestJobs.Request().topic("topic-" + i).build(), "alice", T0);
			this.records.countNow(job);
			this.clock.advance(Duration.ofMillis(100));
		}

		assertThat(this.records.cachedTopics()).isLessThanOrEqualTo(RecordsProduced.PRUNE_ABOVE + 1);
	}

	private static Job running(long endOffsetsAtRunning) {
		Job job = TestJobs.job("alice", T0);
		job.start("started", T0);
		job.assignTo("a1", T0);
		job.markRunning(T0);
		job.recordRunStartOffsets(endOffsetsAtRunning);
		return job;
	}

}
