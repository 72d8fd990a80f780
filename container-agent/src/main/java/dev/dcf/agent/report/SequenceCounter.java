package dev.dcf.agent.report;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's report sequence: strictly increasing within a process and across restarts.
 *
 * <p>
 * Each value is at least the clock in microseconds since the epoch and at least one above
 * the previous value. A restarted agent therefore starts above everything its previous
 * incarnation sent, as long as that sent fewer than a million reports per second on
 * average and the clock did not go backwards. Thread-safe.
 */
public class SequenceCounter {

	private final Clock clock;

	private final AtomicLong last;

	public SequenceCounter(Clock clock) {
		this.clock = clock;
		this.last = new AtomicLong(micros(clock.instant()) - 1);
	}

	public long next() {
		long now = micros(this.clock.instant());
		return this.last.updateAndGet((previous) -> Math.max(previous + 1, now));
	}

	private static long micros(Instant instant) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
	}

}
