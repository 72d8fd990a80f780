package dev.dcf.generator.app;

import java.util.concurrent.locks.LockSupport;

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
			LockSupport.parkNanos(nanos);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}

	};

	long nanoTime();

	void sleepNanos(long nanos) throws InterruptedException;

}
