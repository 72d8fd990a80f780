package dev.dcf.agent.health;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link HealthCheck} and keeps the latest {@link HealthSnapshot}.
 *
 * <p>
 * Each check runs on its own pool thread and is given {@code checkTimeout}; one that does
 * not answer in time counts as failed, so a hung Docker socket never hangs a heartbeat.
 * Thread-safe; evaluations may overlap (the newest stored wins).
 */
public class HealthMonitor implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

	private final List<HealthCheck> checks;

	private final Duration checkTimeout;

	private final Clock clock;

	private final ExecutorService pool;

	private final AtomicReference<HealthSnapshot> latest;

	public HealthMonitor(List<HealthCheck> checks, Duration checkTimeout, Clock clock) {
		this.checks = checks.stream().sorted(Comparator.comparing(HealthCheck::name)).toList();
		this.checkTimeout = checkTimeout;
		this.clock = clock;
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "dcf-health-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.latest = new AtomicReference<>(new HealthSnapshot(List.of(), clock.instant()));
	}

	/** Checks now; the result also becomes {@link #latest()}. */
	public HealthSnapshot evaluate() {
		List<Future<CheckResult>> futures = new ArrayList<>();
		for (HealthCheck check : this.checks) {
			futures.add(this.pool.submit(() -> runSafely(check)));
		}
		long deadline = System.nanoTime() + this.checkTimeout.toNanos();
		List<CheckResult> results = new ArrayList<>();
		for (int i = 0; i < this.checks.size(); i++) {
			results.add(await(this.checks.get(i), futures.get(i), deadline));
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

	private CheckResult await(HealthCheck check, Future<CheckResult> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			return CheckResult.failed(check.name(), "no answer within " + this.checkTimeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return CheckResult.failed(check.name(), String.valueOf(ex.getCause()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CheckResult.failed(check.name(), "interrupted");
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
		this.pool.shutdownNow();
	}

}
