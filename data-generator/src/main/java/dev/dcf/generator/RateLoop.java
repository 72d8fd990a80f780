package dev.dcf.generator;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Sends readings at a fixed rate until {@link #stop()} is called or the record limit is
 * reached, and reports progress once per second. A loop that fell more than a second
 * behind (e.g. a send blocked while the broker was away) restarts its schedule instead of
 * bursting to catch up. {@link #run()} runs on one thread; {@link #stop()} may be called
 * from any thread.
 */
final class RateLoop {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private final double rate;

	private final long maxRecords;

	private final ReadingGenerator readings;

	private final RecordSink sink;

	private final Ticker ticker;

	private final Progress progress;

	private volatile boolean stopped;

	private long sent;

	RateLoop(double rate, OptionalLong maxRecords, ReadingGenerator readings, RecordSink sink, Ticker ticker,
			Progress progress) {
		if (!(rate > 0)) {
			throw new IllegalArgumentException("rate must be positive, got " + rate);
		}
		this.rate = rate;
		this.maxRecords = maxRecords.orElse(Long.MAX_VALUE);
		this.readings = readings;
		this.sink = sink;
		this.ticker = ticker;
		this.progress = progress;
	}

	/**
	 * Runs the loop; returns when stopped, interrupted or done.
	 * @return the number of records sent
	 */
	long run() {
		long scheduleStart = this.ticker.nanoTime();
		long sentSinceScheduleStart = 0;
		long nextReport = scheduleStart + SECOND;
		long sentAtLastReport = 0;
		try {
			while (!this.stopped && this.sent < this.maxRecords) {
				long now = this.ticker.nanoTime();
				if (now - nextReport >= 0) {
					this.progress.report(this.sent - sentAtLastReport, this.sent);
					sentAtLastReport = this.sent;
					nextReport = now + SECOND;
				}
				long due = scheduleStart + (long) (sentSinceScheduleStart * (SECOND / this.rate));
				if (now - due < 0) {
					// short sleeps keep stop() and the progress line
					// timely even at low rates
					this.ticker.sleepNanos(Math.min(due - now, nextReport - now));
					continue;
				}
				if (now - due > SECOND) {
					scheduleStart = now;
					sentSinceScheduleStart = 0;
				}
				this.sink.send(this.readings.next());
				this.sent++;
				sentSinceScheduleStart++;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.progress.report(this.sent - sentAtLastReport, this.sent);
		return this.sent;
	}

	void stop() {
		this.stopped = true;
	}

	/**
	 * Receives the per-second progress (and a last report when the loop ends).
	 */
	@FunctionalInterface
	interface Progress {

		void report(long sentSinceLastReport, long sentTotal);

	}

}
