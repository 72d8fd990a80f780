package dev.dcf.agent.report;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.LongStream;

import dev.dcf.testsupport.MutableClock;
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
		MutableClock clock = new MutableClock(Instant.parse("2026-02-01T10:00:00Z"));
		SequenceCounter before = new SequenceCounter(clock);
		long last = 0;
		for (int i = 0; i < 10_000; i++) {
			last = before.next();
		}
		// a restart takes at least a few milliseconds
		clock.set(clock.instant().plusMillis(20));
		assertThat(new SequenceCounter(clock).next()).isGreaterThan(last);
	}

	@Test
	void followsTheClockWhenItMovesOn() {
		MutableClock clock = new MutableClock(Instant.parse("2026-02-01T10:00:00Z"));
		SequenceCounter counter = new SequenceCounter(clock);
		counter.next();
		clock.set(Instant.parse("2026-02-01T10:00:01Z"));
		assertThat(counter.next()).isEqualTo(Instant.parse("2026-02-01T10:00:01Z").toEpochMilli() * 1000);
	}

}
