package dev.dcf.generator.app;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulated time: sleeping moves the clock forward at once, and so may sending.
 */
final class FakeTicker implements Ticker {

	final List<Long> sleeps = new ArrayList<>();

	private long now = 1_000_000_000L;

	@Override
	public long nanoTime() {
		return this.now;
	}

	@Override
	public void sleepNanos(long nanos) {
		this.sleeps.add(nanos);
		this.now += nanos;
	}

	void advance(long nanos) {
		this.now += nanos;
	}

}
