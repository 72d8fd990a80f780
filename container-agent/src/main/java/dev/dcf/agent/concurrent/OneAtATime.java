package dev.dcf.agent.concurrent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a blocking call on a thread of its own, at most one at a time, and lets callers
 * wait for it with a deadline.
 *
 * <p>
 * Why: a call that hangs (a Docker daemon that accepts requests and never answers) must
 * neither hold up its caller past the deadline nor pile up a new thread per attempt. A
 * call that outlasts the deadline keeps its one thread; until it returns, {@link #start}
 * hands out that same call instead of starting another. Thread-safe.
 *
 * @param <T> result type
 */
public final class OneAtATime<T> implements AutoCloseable {

	private final ExecutorService thread;

	private Future<T> pending;

	/**
	 * @param threadName name of the one thread calls run on
	 */
	public OneAtATime(String threadName) {
		this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named(threadName));
	}

	/**
	 * The call still running from before, or {@code body} started now.
	 */
	public synchronized Future<T> start(Callable<T> body) {
		if (this.pending == null || this.pending.isDone()) {
			this.pending = this.thread.submit(body);
		}
		return this.pending;
	}

	/** Whether a call started earlier has not returned yet. */
	public synchronized boolean busy() {
		return this.pending != null && !this.pending.isDone();
	}

	/**
	 * {@link #start} and {@link #await} in one.
	 */
	public T call(Callable<T> body, Duration bound) {
		return await(start(body), System.nanoTime() + bound.toNanos(), bound);
	}

	/**
	 * Waits for {@code future} until {@code deadlineNanos} ({@link System#nanoTime()}),
	 * leaving it running if it does not answer in time.
	 * @param bound the time the caller was given, for the message
	 * @return its result
	 * @throws NoAnswerException if it did not answer in time
	 * @throws RuntimeException what the call threw (checked exceptions wrapped in a
	 * {@link CompletionException})
	 * @throws Error what the call threw
	 */
	public static <T> T await(Future<T> future, long deadlineNanos, Duration bound) {
		try {
			return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new NoAnswerException(bound);
		}
		catch (CancellationException ex) {
			throw new NoAnswerException(bound);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new CompletionException(cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoAnswerException(bound);
		}
	}

	/** Interrupts a running call and lets the thread end. */
	@Override
	public void close() {
		this.thread.shutdownNow();
	}

	/** The call did not answer within the time its caller was given. */
	public static final class NoAnswerException extends RuntimeException {

		private final Duration bound;

		NoAnswerException(Duration bound) {
			super("no answer within " + bound.toMillis() + " ms");
			this.bound = bound;
		}

		public Duration bound() {
			return this.bound;
		}

	}

}
