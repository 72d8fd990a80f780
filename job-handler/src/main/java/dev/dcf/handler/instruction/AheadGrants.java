package dev.dcf.handler.instruction;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The run principals asked for when their runs began, before the relay needs them: a run
 * is wanted on the committing thread, granted later (all wanted so far in one request),
 * and taken by the relay, which then need not ask the broker itself. Thread-safe; holds
 * only runs between their start and their CREATE (or their end).
 */
final class AheadGrants {

	/** A run whose principal is wanted, by user name, and what became of it. */
	record Wanted(String user, String jobId, int runNumber, CompletableFuture<Boolean> outcome) {
	}

	private final Map<String, CompletableFuture<Boolean>> outcomes = new ConcurrentHashMap<>();

	private final Queue<Wanted> queued = new ConcurrentLinkedQueue<>();

	/** Records that the run's principal should be granted ahead of its CREATE. */
	void want(String user, String jobId, int runNumber) {
		CompletableFuture<Boolean> outcome = new CompletableFuture<>();
		this.outcomes.put(user, outcome);
		this.queued.add(new Wanted(user, jobId, runNumber, outcome));
	}

	/** Takes every run wanted so far, to grant them in one request. */
	List<Wanted> drain() {
		List<Wanted> drained = new ArrayList<>();
		for (Wanted wanted = this.queued.poll(); wanted != null; wanted = this.queued.poll()) {
			drained.add(wanted);
		}
		return drained;
	}

	/**
	 * Says what became of drained runs.
	 * @param runs the runs
	 * @param granted whether the broker confirmed their principals
	 */
	void done(Collection<Wanted> runs, boolean granted) {
		// the relay may hold the outcome already: completed, not looked up
		runs.forEach((run) -> run.outcome().complete(granted));
	}

	/** Drops a run that ended: no CREATE will ask for it. */
	void forget(String user) {
		CompletableFuture<Boolean> outcome = this.outcomes.remove(user);
		if (outcome != null) {
			outcome.complete(false);
		}
	}

	/**
	 * Takes the run's grant, waiting for it if it is under way.
	 * @param user the run's user
	 * @param wait how long to wait for a grant under way
	 * @return {@code true} if the principal was granted ahead; {@code false} if it was
	 * not wanted, failed or is still under way after the wait (then the caller grants it)
	 */
	boolean take(String user, Duration wait) {
		CompletableFuture<Boolean> outcome = this.outcomes.remove(user);
		if (outcome == null) {
			return false;
		}
		try {
			return outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
