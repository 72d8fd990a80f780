package dev.dcf.generator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLoopTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final FakeTicker ticker = new FakeTicker();

	private final List<Long> sendTimes = new ArrayList<>();

	private final List<Long> reports = new ArrayList<>();

	private final ReadingGenerator readings = new ReadingGenerator(1, 3, 0,
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void stopsAfterMaxRecords() {
		RateLoop loop = loop(100, OptionalLong.of(40), (reading) -> this.sendTimes.add(this.ticker.now));

		assertThat(loop.run()).isEqualTo(40);
		assertThat(this.sendTimes).hasSize(40);
	}

	@Test
	void spacesRecordsEvenlyAtTheRequestedRate() {
		RateLoop loop = loop(10, OptionalLong.of(25), (reading) -> this.sendTimes.add(this.ticker.now));

		loop.run();

		for (int i = 0; i < this.sendTimes.size(); i++) {
			assertThat(this.sendTimes.get(i)).as("record %d", i).isEqualTo(i * SECOND / 10);
		}
	}

	@Test
	void reportsProgressOncePerSecondAndAtTheEnd() {
		RateLoop loop = loop(20, OptionalLong.of(50), (reading) -> {
		});

		loop.run();

		// 2.45 s of sending: reports after 1 s and 2 s, and the last one
		// when the loop ends
		assertThat(this.reports).containsExactly(20L, 20L, 10L);
	}

	@Test
	void stopEndsTheLoopFromAnotherCallback() {
		RateLoop[] holder = new RateLoop[1];
		holder[0] = loop(1000, OptionalLong.empty(), (reading) -> {
			if (reading.sequence() == 7) {
				holder[0].stop();
			}
		});

		assertThat(holder[0].run()).isEqualTo(7);
	}

	@Test
	void restartsItsScheduleInsteadOfBurstingAfterABlockedSend() {
		RateLoop loop = loop(10, OptionalLong.of(4), (reading) -> {
			this.sendTimes.add(this.ticker.now);
			if (reading.sequence() == 1) {
				this.ticker.now += 5 * SECOND;
			}
		});

		loop.run();

		assertThat(this.sendTimes).containsExactly(0L, 5 * SECOND, 5 * SECOND + SECOND / 10,
				5 * SECOND + 2 * SECOND / 10);
	}

	@Test
	void interruptionEndsTheLoopAndKeepsTheFlag() {
		this.ticker.interruptOnSleep = true;
		RateLoop loop = loop(1, OptionalLong.empty(), (reading) -> {
		});

		try {
			assertThat(loop.run()).isEqualTo(1);
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	private RateLoop loop(double rate, OptionalLong max, RecordSink sink) {
		return new RateLoop(rate, max, this.readings, sink, this.ticker, (recent, total) -> this.reports.add(recent));
	}

	private static final class FakeTicker implements Ticker {

		private long now;

		private boolean interruptOnSleep;

		@Override
		public long nanoTime() {
			return this.now;
		}

		@Override
		public void sleepNanos(long nanos) throws InterruptedException {
			if (this.interruptOnSleep) {
				Thread.currentThread().interrupt();
				throw new InterruptedException();
			}
			assertThat(nanos).isPositive();
			this.now += nanos;
		}

	}

}
