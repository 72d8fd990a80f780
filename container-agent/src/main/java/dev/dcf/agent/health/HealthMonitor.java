package dev.dcf.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import dev.dcf.agent.concurrent.OneAtATime;
import dev.dcf.agent.concurrent.OneAtATime.NoAnswerException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link HealthCheck} and keeps the latest {@link HealthSnapshot}.
 *
 * <p>
 * Each check runs on a thread of its own and is given {@code checkTimeout} (or less, see
 * {@link #evaluate(Duration)}); one that does not answer in time counts as failed, so a
 * hung Docker socket never hangs a heartbeat. A check still running from an earlier
 * evaluation is not started again: later evaluations wait for that same run, so a check
 * that hangs for good holds one thread, not one per evaluation. Thread-safe; evaluations
 * may overlap (the newest stored wins).
 */
public class HealthMonitor implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

	private final List<HealthCheck> checks;

	private final Duration checkTimeout;

	private final Clock clock;

	private final List<OneAtATime<CheckResult>> runs;

	private final AtomicReference<HealthSnapshot> latest;

	public HealthMonitor(List<HealthCheck> checks, Duration checkTimeout, Clock clock) {
		this.checks = checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList();
		this.checkTimeout = checkTimeout;
		this.clock = clock;
		this.runs = this.checks.stream()
			.map((check) -> new OneAtATime<CheckResult>("dcf-health-" + check.name()))
			.toList();
		this.latest = new AtomicReference<>(new HealthSnapshot(List.of(), clock.instant()));
	}

	/** Checks now; the result also becomes {@link #latest()}. */
	public HealthSnapshot evaluate() {
		return evaluate(this.checkTimeout);
	}

	/**
	 * Checks now, giving the checks at most {@code bound} (and never more than
	 * {@code checkTimeout}); the result also becomes {@link #latest()}.
	 */
	public HealthSnapshot evaluate(Duration bound) {
		Duration effective = (bound.compareTo(this.checkTimeout) < 0) ? bound : this.checkTimeout;
		List<Future<CheckResult>> futures = new ArrayList<>();
		for (int i = 0; i < this.checks.size(); i++) {
			HealthCheck check = this.checks.get(i);
			futures.add(this.runs.get(i).start(() -> runSafely(check)));
		}
		long deadline = System.nanoTime() + effective.toNanos();
		List<CheckResult> results = new ArrayList<>();
		for (int i = 0; i < this.checks.size(); i++) {
			results.add(await(this.checks.get(i), futures.get(i), deadline, effective));
		}
		HealthSnapshot snapshot = new HealthSnapshot(results, this.clock.instant());
		HealthSnapshot previous = this.latest.getAndSet(snapshot);
		logChange(previous, snapshot);
		return snapshot;
	}

	/**
	 * The latest evaluation if it was healthy and is at most {@code maxAge} old, else a
	 * fresh one. An unhealthy result is never reused: the agent may have recovered.
	 */
	public HealthSnapshot recentOrEvaluate(Duration maxAge) {
		HealthSnapshot last = this.latest.get();
		if (last.healthy() && !last.evaluatedAt().plus(maxAge).isBefore(this.clock.instant())) {
			return last;
		}
		return evaluate();
	}

	/** The last evaluation (no check run yet = no results, not healthy). */
	public HealthSnapshot latest() {
		return this.latest.get();
	}

	private static CheckResult await(HealthCheck check, Future<CheckResult> future, long deadline, Duration bound) {
		try {
			return OneAtATime.await(future, deadline, bound);
		}
		catch (NoAnswerException ex) {
			// left running: the next evaluation waits for this same run
			return CheckResult.failed(check.name(), check.noAnswer(bound));
		}
		catch (RuntimeException | Error ex) {
			return CheckResult.failed(check.name(), String.valueOf(ex));
		}
	}

	private static CheckResult runSafely(HealthCheck check) {
		try {
			CheckResult result = check.check();
			return (result != null) ? result : CheckResult.failed(check.name(), "check returned nothing");
		}
		catch (RuntimeException ex) {
			String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			return CheckResult.failed(check.name(), message);
		}
		catch (Error ex) {
			// one broken run of a check must not end the checks; it fails like any other
			return CheckResult.failed(check.name(), String.valueOf(ex));
		}
	}

	private static void logChange(HealthSnapshot previous, HealthSnapshot current) {
		if (previous.results().isEmpty() || previous.healthy() != current.healthy()) {
			if (current.healthy()) {
				log.info("Agent is healthy");
			}
			else {
				log.warn("Agent is unhealthy: {}", current.failureSummary());
			}
		}
	}

	@Override
	public void close() {
		this.runs.forEach(OneAtATime::close);
	}

}
