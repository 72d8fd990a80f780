package dev.dcf.generator.app;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Sends records at the rate of a {@link RateProfile} until {@link #stop()} or the record
 * limit, and reports progress once per second.
 *
 * <p>
 * The schedule is by absolute time, not by sleeping per record: each turn adds
 * {@code rate × time since the last turn} to the records allowed so far and sends the
 * whole difference to what was sent (at most {@value #MAX_BATCH} before looking at the
 * clock again), then sleeps at least {@value #MIN_SLEEP_MILLIS} ms until the next record
 * is due. At 100,000 records/s a turn sends about 100 records; errors of a sleep do not
 * add up. A loop that fell more than a second behind (a send blocked while the broker was
 * away) drops the backlog instead of bursting to catch up. {@link #run()} runs on one
 * thread; {@link #stop()} may be called from any thread.
 */
final class RateLoop {

	static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	static final int MAX_BATCH = 10_000;

	static final long MIN_SLEEP_MILLIS = 1;

	/** The longest sleep, so a stop or a change of the profile is seen in time. */
	static final long MAX_SLEEP = TimeUnit.MILLISECONDS.toNanos(100);

	private static final double EPSILON = 1e-6;

	private static final long MIN_SLEEP = TimeUnit.MILLISECONDS.toNanos(MIN_SLEEP_MILLIS);

	private final RateProfile profile;

	private final long maxRecords;

	private final Runnable sendOne;

	private final Ticker ticker;

	private final Progress progress;

	private volatile boolean stopped;

	private volatile long sent;

	/**
	 * @param sendOne generates, encodes and sends one record
	 */
	RateLoop(RateProfile profile, OptionalLong maxRecords, Runnable sendOne, Ticker ticker, Progress progress) {
		this.profile = profile;
		this.maxRecords = maxRecords.orElse(Long.MAX_VALUE);
		this.sendOne = sendOne;
		this.ticker = ticker;
		this.progress = progress;
	}

	/**
	 * Runs the loop; returns when stopped, interrupted or done.
	 * @return the number of records sent
	 */
	long run() {
		long start = this.ticker.nanoTime();
		long lastTurn = start;
		// the first record goes at once
		double allowed = 1;
		long nextReport = start + SECOND;
		long lastReport = start;
		long sentAtLastReport = 0;
		long sent = 0;
		try {
			while (!this.stopped && sent < this.maxRecords) {
				long now = this.ticker.nanoTime();
				if (now - nextReport >= 0) {
					this.progress.report(sent - sentAtLastReport, sent, now - lastReport);
					sentAtLastReport = sent;
					lastReport = now;
					nextReport = (now - nextReport >= SECOND) ? now + SECOND : nextReport + SECOND;
				}
				double rate = this.profile.rateAt(Duration.ofNanos(now - start));
				long batch;
				if (Double.isInfinite(rate)) {
					batch = MAX_BATCH;
				}
				else {
					allowed += rate * (now - lastTurn) / SECOND;
					if (allowed - sent > Math.max(rate, 1) + 1) {
						// more than a second behind: restart the schedule
						allowed = sent + 1;
					}
					// the epsilon absorbs the rounding of many small additions
					batch = (long) Math.floor(allowed + EPSILON) - sent;
				}
				lastTurn = now;
				if (batch <= 0) {
					long untilDue = (rate > 0) ? (long) Math.ceil((sent + 1 - allowed) / rate * SECOND) : MAX_SLEEP;
					long sleep = Math.max(MIN_SLEEP, Math.min(Math.min(untilDue, MAX_SLEEP), nextReport - now));
					this.ticker.sleepNanos(sleep);
					continue;
				}
				batch = Math.min(Math.min(batch, MAX_BATCH), this.maxRecords - sent);
				for (long i = 0; i < batch; i++) {
					this.sendOne.run();
				}
				sent += batch;
				this.sent = sent;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.progress.report(sent - sentAtLastReport, sent, this.ticker.nanoTime() - lastReport);
		return sent;
	}

	void stop() {
		this.stopped = true;
	}

	/** Records sent so far (updated after each batch). */
	long sent() {
		return this.sent;
	}

	/**
	 * Receives the per-second progress (and a last report when the loop ends).
	 */
	@FunctionalInterface
	interface Progress {

		/**
		 * @param sentSinceLastReport records sent since the previous report
		 * @param sentTotal records sent since the start
		 * @param nanosSinceLastReport time since the previous report
		 */
		void report(long sentSinceLastReport, long sentTotal, long nanosSinceLastReport);

	}

}
