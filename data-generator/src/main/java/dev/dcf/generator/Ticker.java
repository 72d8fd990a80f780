package dev.dcf.generator;

import java.util.concurrent.TimeUnit;

/**
 * Monotonic time and sleeping, so the rate loop can be tested without real waiting.
 */
interface Ticker {

	Ticker SYSTEM = new Ticker() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public void sleepNanos(long nanos) throws InterruptedException {
			TimeUnit.NANOSECONDS.sleep(nanos);
		}

	};

	long nanoTime();

	void sleepNanos(long nanos) throws InterruptedException;

}
