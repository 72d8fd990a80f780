package dev.dcf.handler.throughput;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunSeriesTests {

	private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

	private final RunSeries series = new RunSeries("job-1", 1, 3);

	@Test
	void theFirstSampleGivesNoRateTheNextOnesTheGrowthPerSecond() {
		assertThat(this.series.add(T0, new TopicSample(1000, 10_000L))).isNull();

		ThroughputPoint point = this.series.add(T0.plusSeconds(2), new TopicSample(1400, 50_000L));

		assertThat(point.recordsPerSecond()).isEqualTo(200.0);
		assertThat(point.bytesPerSecond()).isEqualTo(20_000.0);
	}

	@Test
	void keepsOnlyTheNewestPointsButCountsAverageAndPeakOverTheWholeRun() {
		this.series.add(T0, new TopicSample(0, null));
		this.series.add(T0.plusSeconds(1), new TopicSample(500, null));
		this.series.add(T0.plusSeconds(2), new TopicSample(600, null));
		this.series.add(T0.plusSeconds(3), new TopicSample(700, null));
		this.series.add(T0.plusSeconds(4), new TopicSample(800, null));

		JobThroughput view = this.series.view();

		assertThat(view.points()).hasSize(3).first().extracting(ThroughputPoint::at).isEqualTo(T0.plusSeconds(2));
		assertThat(view.peakPerSecond()).isEqualTo(500.0);
		assertThat(view.averagePerSecond()).isCloseTo(200.0, within(0.001));
		assertThat(view.records()).isEqualTo(800);
		assertThat(view.recordsPerSecond()).isEqualTo(100.0);
		assertThat(view.bytesPerSecond()).as("the broker told no sizes").isNull();
	}

	@Test
	void aShrinkingLogGivesNoByteRateAndATopicRecreatedSmallerNoNegativeRate() {
		this.series.add(T0, new TopicSample(1000, 90_000L));

		ThroughputPoint point = this.series.add(T0.plusSeconds(1), new TopicSample(10, 1_000L));

		assertThat(point.recordsPerSecond()).isZero();
		assertThat(point.bytesPerSecond()).isNull();
	}

	@Test
	void aRateUnderNinetyPercentOfTheTargetIsReportedOnceItLastedLongEnoughAndOncePerStretch() {
		assertThat(under(0, 150, 10)).as("10 s under").isFalse();
		assertThat(under(10, 150, 30)).as("30 s under, counted from the first interval's start").isTrue();
		assertThat(under(30, 150, 40)).as("already said").isFalse();
		assertThat(under(40, 195, 42)).as("back at target ends the stretch").isFalse();
		assertThat(under(42, 100, 60)).isFalse();
		assertThat(under(60, 100, 72)).as("a new stretch of 30 s").isTrue();
	}

	private boolean under(int fromSecond, double rate, int atSecond) {
		ThroughputPoint point = new ThroughputPoint(T0.plusSeconds(atSecond), rate, null);
		return this.series.underTargetFor(point, T0.plusSeconds(fromSecond), 200, Duration.ofSeconds(30));
	}

}
