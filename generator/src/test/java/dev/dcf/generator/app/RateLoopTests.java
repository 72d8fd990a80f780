package dev.dcf.generator.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLoopTests {

	private static final long SECOND = RateLoop.SECOND;

	private final FakeTicker ticker = new FakeTicker();

	private final long start = this.ticker.nanoTime();

	private final List<Long> sendTimes = new ArrayList<>();

	private final List<long[]> reports = new ArrayList<>();

	private RateLoop loop;

	/** A loop whose every send records the simulated time and costs {@code sendCost}. */
	private RateLoop loop(RateProfile profile, OptionalLong max, long sendCost, Duration runFor) {
		this.loop = new RateLoop(profile, max, () -> {
			this.sendTimes.add(this.ticker.nanoTime() - this.start);
			this.ticker.advance(sendCost);
			if (this.ticker.nanoTime() - this.start >= runFor.toNanos()) {
				this.loop.stop();
			}
		}, this.ticker, (recent, total, nanos) -> this.reports.add(new long[] { recent, total, nanos }));
		return this.loop;
	}

	private long sentBefore(long nanos) {
		return this.sendTimes.stream().filter((t) -> t < nanos).count();
	}

	@Test
	void aConstantRateSendsRateTimesElapsedTime() {
		loop(RateProfile.constant(1_000), OptionalLong.empty(), 0, Duration.ofSeconds(10)).run();

		// the first record at once, then one per millisecond
		assertThat(sentBefore(10 * SECOND)).isBetween(10_000L, 10_001L);
		assertThat(sentBefore(5 * SECOND)).isBetween(5_000L, 5_001L);
	}

	@Test
	void highRatesSendInBatchesPerTickInsteadOfSleepingPerRecord() {
		long sent = loop(RateProfile.constant(100_000), OptionalLong.empty(), 0, Duration.ofSeconds(3)).run();

		assertThat(sentBefore(3 * SECOND)).isBetween(300_000L - 100, 300_001L);
		assertThat(this.ticker.sleeps).allSatisfy((sleep) -> assertThat(sleep).isGreaterThanOrEqualTo(1_000_000L));
		// about one sleep per millisecond, about 100 records each
		assertThat(this.ticker.sleeps.size()).isBetween(2_900, 3_100);
		assertThat(sent / this.ticker.sleeps.size()).isBetween(95L, 105L);
	}

	@Test
	void aFractionalRateSpacesRecordsBySeconds() {
		loop(RateProfile.constant(0.5), OptionalLong.empty(), 0, Duration.ofSeconds(10)).run();

		assertThat(sentBefore(10 * SECOND + 1)).isEqualTo(6);
		assertThat(this.sendTimes.get(1) - this.sendTimes.get(0)).isBetween(2 * SECOND, 2 * SECOND + 1_000_000);
	}

	@Test
	void theRateFollowsTheProfile() {
		RateProfile steps = (elapsed) -> (elapsed.toSeconds() < 5) ? 100 : 1_000;

		loop(steps, OptionalLong.empty(), 0, Duration.ofSeconds(10)).run();

		assertThat(sentBefore(5 * SECOND)).isBetween(500L, 502L);
		assertThat(sentBefore(10 * SECOND) - sentBefore(5 * SECOND)).isBetween(4_990L, 5_010L);
	}

	@Test
	void theRecordLimitStopsTheLoopExactly() {
		long sent = loop(RateProfile.constant(100_000), OptionalLong.of(12_345), 0, Duration.ofHours(1)).run();

		assertThat(sent).isEqualTo(12_345);
		assertThat(this.sendTimes).hasSize(12_345);
	}

	@Test
	void anUnlimitedRateNeverSleeps() {
		long sent = loop(RateProfile.constant(Double.POSITIVE_INFINITY), OptionalLong.of(50_000), 1_000,
				Duration.ofHours(1))
			.run();

		assertThat(sent).isEqualTo(50_000);
		assertThat(this.ticker.sleeps).isEmpty();
	}

	@Test
	void aLoopFarBehindDropsTheBacklogInsteadOfBursting() {
		RateLoop[] holder = new RateLoop[1];
		holder[0] = new RateLoop(RateProfile.constant(1_000), OptionalLong.empty(), () -> {
			long now = this.ticker.nanoTime() - this.start;
			this.sendTimes.add(now);
			if (this.sendTimes.size() == 100) {
				// the broker is away for 3 s
				this.ticker.advance(3 * SECOND);
			}
			if (now >= 10 * SECOND) {
				holder[0].stop();
			}
		}, this.ticker, (recent, total, nanos) -> {
		});

		long sent = holder[0].run();

		// 100 before the pause, then 1,000/s for the remaining ~6.9 s: no burst of 3,000
		assertThat(sent).isBetween(6_900L, 7_100L);
		long resumed = this.sendTimes.get(100);
		assertThat(sentBefore(resumed + 10_000_000) - sentBefore(resumed)).isLessThan(20);
	}

	@Test
	void progressIsReportedOncePerSecondAndAtTheEnd() {
		loop(RateProfile.constant(200), OptionalLong.empty(), 0, Duration.ofMillis(3_500)).run();

		assertThat(this.reports).hasSize(4);
		assertThat(this.reports.get(0)[2]).isBetween(SECOND, SECOND + 1_000_000);
		assertThat(this.reports.get(1)[0]).isBetween(199L, 201L);
		assertThat(this.reports.get(3)[1]).isEqualTo(this.sendTimes.size());
	}

}
