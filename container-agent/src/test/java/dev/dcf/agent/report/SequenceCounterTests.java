package dev.dcf.agent.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceCounterTests {

	@Test
	void strictlyIncreasesEvenWhenTheClockStandsStill() {
		SequenceCounter counter = new SequenceCounter(
				Clock.fixed(Instant.parse("2026-02-01T10:00:00Z"), ZoneOffset.UTC));
		long[] values = LongStream.range(0, 1000).map((i) -> counter.next()).toArray();
		for (int i = 1; i < values.length; i++) {
			assertThat(values[i]).isGreaterThan(values[i - 1]);
		}
	}

	@Test
	void startsAtTheClockInMicroseconds() {
		SequenceCounter counter = new SequenceCounter(
				Clock.fixed(Instant.parse("2026-02-01T10:00:00.000001Z"), ZoneOffset.UTC));
		assertThat(counter.next()).isEqualTo(Instant.parse("2026-02-01T10:00:00Z").toEpochMilli() * 1000 + 1);
	}

	@Test
	void aRestartedAgentStartsAboveWhatItsPredecessorSent() {
		MovableClock clock = new MovableClock(Instant.parse("2026-02-01T10:00:00Z"));
		SequenceCounter before = new SequenceCounter(clock);
		long last = 0;
		for (int i = 0; i < 10_000; i++) {
			last = before.next();
		}
		// a restart takes at least a few milliseconds
		clock.now.set(clock.now.get().plusMillis(20));
		assertThat(new SequenceCounter(clock).next()).isGreaterThan(last);
	}

	@Test
	void followsTheClockWhenItMovesOn() {
		MovableClock clock = new MovableClock(Instant.parse("2026-02-01T10:00:00Z"));
		SequenceCounter counter = new SequenceCounter(clock);
		counter.next();
		clock.now.set(Instant.parse("2026-02-01T10:00:01Z"));
		assertThat(counter.next()).isEqualTo(Instant.parse("2026-02-01T10:00:01Z").toEpochMilli() * 1000);
	}

	private static final class MovableClock extends Clock {

		final AtomicReference<Instant> now;

		MovableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

	}

}
