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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The run principals asked for when their runs began, before the relay needs them: a run
 * is wanted on the committing thread, granted later (all wanted so far in one request),
 * and taken by the relay, which then need not ask the broker itself. The relay waits only
 * for a request under way: a run still queued (behind revokes, say) is taken away from
 * the queue and granted by the relay at once. Thread-safe; holds only runs between their
 * start and their CREATE (or their end).
 */
final class AheadGrants {

	/** Where a wanted run is. */
	enum Stage {

		QUEUED, ASKED, TAKEN

	}

	/** A run whose principal is wanted, and what became of it. */
	record Wanted(String jobId, int runNumber, AtomicReference<Stage> stage, CompletableFuture<Boolean> outcome) {

		private boolean move(Stage from, Stage to) {
			return this.stage.compareAndSet(from, to);
		}

	}

	private final Map<String, Wanted> byUser = new ConcurrentHashMap<>();

	private final Queue<Wanted> queued = new ConcurrentLinkedQueue<>();

	/** Records that the run's principal should be granted ahead of its CREATE. */
	void want(String user, String jobId, int runNumber) {
		Wanted wanted = new Wanted(jobId, runNumber, new AtomicReference<>(Stage.QUEUED), new CompletableFuture<>());
		this.byUser.put(user, wanted);
		this.queued.add(wanted);
	}

	/**
	 * Takes every run wanted so far and not taken meanwhile, to grant them in one
	 * request; report the outcome with {@link #done}.
	 */
	List<Wanted> drain() {
		List<Wanted> drained = new ArrayList<>();
		for (Wanted wanted = this.queued.poll(); wanted != null; wanted = this.queued.poll()) {
			if (wanted.move(Stage.QUEUED, Stage.ASKED)) {
				drained.add(wanted);
			}
		}
		return drained;
	}

	/**
	 * Says what became of drained runs.
	 * @param runs the runs
	 * @param granted whether the broker confirmed their principals
	 */
	void done(Collection<Wanted> runs, boolean granted) {
		// the relay may hold the run already: its outcome is completed, not looked up
		runs.forEach((run) -> run.outcome().complete(granted));
	}

	/** Drops a run that ended: no CREATE will ask for it. */
	void forget(String user) {
		Wanted wanted = this.byUser.remove(user);
		if (wanted != null) {
			wanted.move(Stage.QUEUED, Stage.TAKEN);
			wanted.outcome().complete(false);
		}
	}

	/**
	 * Takes the run's grant: at once if it was not asked for yet (it will not be), after
	 * the broker's answer if it is under way.
	 * @param user the run's user
	 * @param wait how long to wait for a grant under way
	 * @return {@code true} if the principal was granted ahead; {@code false} if it was
	 * not wanted, not asked for yet, failed or is still under way after the wait (then
	 * the caller grants it)
	 */
	boolean take(String user, Duration wait) {
		Wanted wanted = this.byUser.remove(user);
		if (wanted == null || wanted.move(Stage.QUEUED, Stage.TAKEN)) {
			return false;
		}
		try {
			return wanted.outcome().get(wait.toMillis(), TimeUnit.MILLISECONDS);
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
