package dev.dcf.handler.throughput;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The samples of one run of one job: a bounded series of rates, the peak, and the watch
 * on its target rate. Thread-safe (the sampler writes, pages and the API read).
 */
final class RunSeries {

	/** The share of the target under which the rate counts as too low. */
	static final double UNDER_TARGET = 0.9;

	private final String jobId;

	private final int runNumber;

	private final int maxPoints;

	private final ArrayDeque<ThroughputPoint> points = new ArrayDeque<>();

	private TopicSample first;

	private Instant firstAt;

	private TopicSample last;

	private Instant lastAt;

	private double peak;

	private Instant underSince;

	private boolean underNoted;

	private boolean active = true;

	RunSeries(String jobId, int runNumber, int maxPoints) {
		this.jobId = jobId;
		this.runNumber = runNumber;
		this.maxPoints = maxPoints;
	}

	String jobId() {
		return this.jobId;
	}

	int runNumber() {
		return this.runNumber;
	}

	/**
	 * Adds a sample.
	 * @param at when it was taken
	 * @param sample the topic then
	 * @return the rate since the previous sample, {@code null} for the first one
	 */
	synchronized ThroughputPoint add(Instant at, TopicSample sample) {
		if (this.last == null) {
			this.first = sample;
			this.firstAt = at;
			this.last = sample;
			this.lastAt = at;
			return null;
		}
		double seconds = Duration.between(this.lastAt, at).toNanos() / 1e9;
		if (seconds <= 0) {
			return null;
		}
		double records = Math.max(0, sample.records() - this.last.records()) / seconds;
		Double bytes = (sample.bytes() != null && this.last.bytes() != null && sample.bytes() >= this.last.bytes())
				? (sample.bytes() - this.last.bytes()) / seconds : null;
		ThroughputPoint point = new ThroughputPoint(at, records, bytes);
		this.points.addLast(point);
		while (this.points.size() > this.maxPoints) {
			this.points.removeFirst();
		}
		this.peak = Math.max(this.peak, records);
		this.last = sample;
		this.lastAt = at;
		return point;
	}

	/**
	 * Watches the target: whether the rate has now stayed under 90 % of it for
	 * {@code after}, answered {@code true} once per such stretch (a rate back at 90 % or
	 * more ends the stretch).
	 * @param point the newest point
	 * @param since when the interval of that point began
	 * @param target the job's target rate
	 * @param after how long the rate must stay under
	 * @return {@code true} if the timeline should say so now
	 */
	synchronized boolean underTargetFor(ThroughputPoint point, Instant since, double target, Duration after) {
		if (point.recordsPerSecond() >= UNDER_TARGET * target) {
			this.underSince = null;
			this.underNoted = false;
			return false;
		}
		if (this.underSince == null) {
			this.underSince = since;
		}
		if (!this.underNoted && Duration.between(this.underSince, point.at()).compareTo(after) >= 0) {
			this.underNoted = true;
			return true;
		}
		return false;
	}

	/** The newest rate, {@code null} before the second sample. */
	synchronized Double latestRate() {
		ThroughputPoint latest = this.points.peekLast();
		return (latest != null) ? latest.recordsPerSecond() : null;
	}

	/** When the newest sample was taken, {@code null} before the first. */
	synchronized Instant lastAt() {
		return this.lastAt;
	}

	/** The run is no longer sampled (its job left RUNNING or started another run). */
	synchronized void end() {
		this.active = false;
	}

	synchronized JobThroughput view() {
		ThroughputPoint latest = this.points.peekLast();
		Double average = null;
		long records = 0;
		Long bytes = null;
		if (this.first != null && this.lastAt.isAfter(this.firstAt)) {
			records = Math.max(0, this.last.records() - this.first.records());
			average = records / (Duration.between(this.firstAt, this.lastAt).toNanos() / 1e9);
			if (this.first.bytes() != null && this.last.bytes() != null) {
				bytes = Math.max(0, this.last.bytes() - this.first.bytes());
			}
		}
		return new JobThroughput(this.jobId, this.runNumber, this.active,
				(latest != null) ? latest.recordsPerSecond() : null, (latest != null) ? latest.bytesPerSecond() : null,
				average, (latest != null) ? this.peak : null, records, bytes, List.copyOf(this.points));
	}

}
