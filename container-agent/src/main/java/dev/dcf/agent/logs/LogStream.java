package dev.dcf.agent.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.dcf.agent.runtime.ContainerRuntime.Subscription;

/**
 * One followed container: the lines gathered since the last batch, its lease and how it
 * ended. Lines arrive on a runtime thread, batches are taken on the flush thread; both go
 * through this object's lock, held only to add or take lines.
 */
final class LogStream {

	private final String jobId;

	private final int runNumber;

	private final int index;

	private final LineBounds bounds;

	private List<String> lines = new ArrayList<>();

	private long dropped;

	private Instant leaseEnd;

	private String endReason;

	private boolean endSent;

	private Subscription subscription;

	LogStream(LogRequest request, LineBounds bounds, Instant leaseEnd) {
		this.jobId = request.jobId();
		this.runNumber = request.runNumber();
		this.index = request.index();
		this.bounds = bounds;
		this.leaseEnd = leaseEnd;
	}

	int runNumber() {
		return this.runNumber;
	}

	synchronized void renew(Instant until) {
		if (until.isAfter(this.leaseEnd)) {
			this.leaseEnd = until;
		}
	}

	synchronized boolean leaseEnded(Instant now) {
		return !now.isBefore(this.leaseEnd);
	}

	synchronized void line(String line, long nowMillis) {
		if (this.endReason != null) {
			return;
		}
		String admitted = this.bounds.admit(line, nowMillis);
		if (admitted != null) {
			this.lines.add(admitted);
		}
		else {
			this.dropped++;
		}
	}

	/** The first reason wins; lines after it are not taken. */
	synchronized void end(String reason) {
		if (this.endReason == null) {
			this.endReason = reason;
		}
	}

	synchronized boolean ended() {
		return this.endReason != null;
	}

	/**
	 * Attaches the open follow; one that arrives after the stream ended is closed at
	 * once.
	 */
	void attach(Subscription opened) {
		boolean closeNow;
		synchronized (this) {
			closeNow = this.endSent || this.endReason != null;
			if (!closeNow) {
				this.subscription = opened;
			}
		}
		if (closeNow) {
			opened.close();
		}
	}

	/**
	 * What to send now: the lines gathered (and the end, once): empty when there is
	 * nothing new.
	 */
	synchronized Optional<LogBatch> drain() {
		if (this.endSent) {
			return Optional.empty();
		}
		boolean ending = this.endReason != null;
		if (this.lines.isEmpty() && this.dropped == 0 && !ending) {
			return Optional.empty();
		}
		LogBatch batch = new LogBatch(this.jobId, this.runNumber, this.index, this.lines, this.dropped, ending,
				this.endReason);
		this.lines = new ArrayList<>();
		this.dropped = 0;
		this.endSent = ending;
		return Optional.of(batch);
	}

	/** Stops following; idempotent. */
	void close() {
		Subscription open;
		synchronized (this) {
			open = this.subscription;
			this.subscription = null;
			if (this.endReason == null) {
				this.endReason = "closed";
			}
		}
		if (open != null) {
			open.close();
		}
	}

}
