package dev.dcf.handler.system;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task run over and over on one daemon thread of its own: every {@code interval}, or
 * after the delay the task itself asks for, and at once when {@link #wakeUp()} is called
 * (several wake-ups before it runs count as one). Runs never overlap. A task that throws,
 * even an {@link Error}, is logged and runs again after the interval: a loop that died
 * silently would leave an application that looks healthy and does nothing. Thread-safe.
 */
public final class BackgroundLoop {

	private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

	private final String name;

	private final Duration interval;

	private final Supplier<Duration> task;

	private final ScheduledThreadPoolExecutor executor;

	private final AtomicBoolean wakeUpPending = new AtomicBoolean();

	private volatile boolean running;

	private ScheduledFuture<?> next;

	/**
	 * @param name the thread's name
	 * @param interval how long to wait between runs unless the task says otherwise
	 * @param task one run; returns how long to wait before the next one, {@code null} for
	 * the interval
	 */
	public BackgroundLoop(String name, Duration interval, Supplier<Duration> task) {
		this.name = Objects.requireNonNull(name, "name");
		this.interval = Objects.requireNonNull(interval, "interval");
		this.task = Objects.requireNonNull(task, "task");
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/**
	 * A loop whose task runs only while this handler leads (see {@link Leadership}): on a
	 * follower each round does nothing, and the loop is woken up when the handler becomes
	 * the leader, so its first round as leader follows at once, as after a start.
	 * @param leadership whether this handler leads
	 * @param name the thread's name
	 * @param interval how long to wait between runs unless the task says otherwise
	 * @param task one run while leading
	 * @return the loop, not started
	 */
	public static BackgroundLoop whileLeading(Leadership leadership, String name, Duration interval,
			Supplier<Duration> task) {
		Objects.requireNonNull(task, "task");
		BackgroundLoop loop = new BackgroundLoop(name, interval, () -> leadership.isLeader() ? task.get() : null);
		leadership.whenLeading(loop::wakeUp);
		return loop;
	}

	/** Starts the loop; the first run follows at once. */
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.next = this.executor.schedule(this::runOnce, 0, TimeUnit.MILLISECONDS);
	}

	/** Asks for a run as soon as possible. Does nothing unless started. */
	public void wakeUp() {
		if (this.running && this.wakeUpPending.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::runOnce);
			}
			catch (RuntimeException ex) {
				// rejected while stopping: nothing to do any more
				this.wakeUpPending.set(false);
			}
		}
	}

	/**
	 * Stops the loop and waits up to {@code timeout} for a run in progress to end.
	 * @param timeout how long to wait
	 */
	public void stop(Duration timeout) {
		synchronized (this) {
			this.running = false;
		}
		this.executor.shutdownNow();
		try {
			if (!this.executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("{} did not stop within {}", this.name, timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isRunning() {
		return this.running;
	}

	private void runOnce() {
		this.wakeUpPending.set(false);
		if (!this.running) {
			return;
		}
		Duration delay = null;
		try {
			delay = this.task.get();
		}
		catch (RuntimeException ex) {
			log.warn("{} failed, trying again in {}: {}", this.name, this.interval, ex.toString(), ex);
		}
		catch (Throwable ex) {
			// an Error too (a bug's StackOverflowError, an AssertionError): the next run
			// may well succeed; OutOfMemoryError ends the JVM
			// (-XX:+ExitOnOutOfMemoryError)
			log.error("{} failed with {}, trying again in {}", this.name, ex, this.interval, ex);
		}
		finally {
			// even if logging failed: the executor would swallow what escapes
			scheduleNext((delay != null) ? delay : this.interval);
		}
	}

	private synchronized void scheduleNext(Duration delay) {
		if (!this.running) {
			return;
		}
		if (this.next != null) {
			this.next.cancel(false);
		}
		this.next = this.executor.schedule(this::runOnce, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
	}

}
