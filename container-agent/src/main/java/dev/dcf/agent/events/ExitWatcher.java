package dev.dcf.agent.events;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Watches Docker events of this agent's containers and has exits reported at once.
 *
 * <p>
 * All work runs on one thread ({@code dcf-exits}), so reports go out one after another
 * and the runtime's event thread never blocks. When the event stream breaks (daemon
 * restarted or gone) it subscribes again with backoff capped at {@code maxBackoff}. After
 * every subscription, the first one included, it sweeps the container list for exits it
 * missed (while the agent or the stream was down). A report that cannot be delivered is
 * retried with the same backoff until it is, or the container is gone.
 */
class ExitWatcher implements SmartLifecycle {

	/** Before the reconciler and the heartbeat: no exit falls between list and watch. */
	static final int PHASE = 0;

	private static final Logger log = LoggerFactory.getLogger(ExitWatcher.class);

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(250);

	private final ContainerRuntime runtime;

	private final ExitReporter exits;

	private final String agentId;

	private final Duration maxBackoff;

	private final ScheduledExecutorService executor;

	private volatile boolean running;

	private ContainerRuntime.Subscription subscription;

	private int failedSubscriptions;

	ExitWatcher(ContainerRuntime runtime, ExitReporter exits, String agentId, Duration maxBackoff) {
		this.runtime = runtime;
		this.exits = exits;
		this.agentId = agentId;
		this.maxBackoff = maxBackoff;
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("dcf-exits"));
		executor.setRemoveOnCancelPolicy(true);
		this.executor = executor;
	}

	@Override
	public void start() {
		this.running = true;
		this.executor.execute(safely(() -> subscribe(false)));
	}

	@Override
	public void stop() {
		this.running = false;
		this.executor.execute(this::closeSubscription);
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/** Runs on the executor. */
	private void subscribe(boolean afterFailure) {
		if (!this.running) {
			return;
		}
		closeSubscription();
		try {
			this.subscription = this.runtime.watch(ManagedLabels.AGENT_ID, this.agentId, this::onEvent, this::onError);
		}
		catch (Throwable ex) {
			// Errors included: without a retry scheduled here, exits would go unwatched
			resubscribeLater(ex);
			return;
		}
		if (afterFailure) {
			log.info("Watching container events again");
		}
		this.failedSubscriptions = 0;
		// exits that happened before this subscription (agent down, stream broken)
		sweep();
	}

	/** Called on a runtime thread: hand over, never block. */
	private void onEvent(ContainerEvent event) {
		switch (event.type()) {
			case DIED, OOM_KILLED ->
				submit(() -> report(event.containerId(), event.labels().get(ManagedLabels.JOB_ID), 0));
			case DESTROYED -> submit(() -> this.exits.forget(event.containerId()));
			case STARTED -> {
			}
		}
	}

	/** Called on a runtime thread once the stream is dead. */
	private void onError(Throwable error) {
		submit(() -> {
			if (this.running) {
				resubscribeLater(error);
			}
		});
	}

	private void report(String containerId, String jobId, int attempt) {
		if (!this.running) {
			return;
		}
		try {
			this.exits.reportExit(containerId, jobId);
		}
		catch (Throwable ex) {
			// anything, Errors included: an exit that is never reported leaves the job
			// RUNNING for good
			Duration delay = backoff(attempt);
			log.warn("Exit of container {} not reported yet, retrying in {} ms: {}", containerId, delay.toMillis(),
					expected(ex) ? ex.getMessage() : ex.toString());
			schedule(() -> report(containerId, jobId, attempt + 1), delay);
		}
	}

	private void sweep() {
		try {
			this.exits.sweep(this.runtime.list(ManagedLabels.AGENT_ID, this.agentId));
		}
		catch (ContainerRuntimeException | ReportNotDeliveredException ex) {
			log.warn("Could not check for missed container exits: {}", ex.getMessage());
		}
		catch (Throwable ex) {
			log.error("Could not check for missed container exits", ex);
		}
	}

	private void resubscribeLater(Throwable cause) {
		Duration delay = backoff(this.failedSubscriptions++);
		if (this.failedSubscriptions == 1) {
			log.warn("Container event stream broken ({}); subscribing again with backoff", cause.getMessage());
		}
		else {
			log.debug("Subscribing to container events failed again: {}", cause.getMessage());
		}
		schedule(() -> subscribe(true), delay);
	}

	private Duration backoff(int attempt) {
		long millis = INITIAL_BACKOFF.toMillis() << Math.min(attempt, 16);
		return Duration.ofMillis(Math.min(millis, this.maxBackoff.toMillis()));
	}

	private void closeSubscription() {
		ContainerRuntime.Subscription current = this.subscription;
		this.subscription = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (RuntimeException ex) {
				log.debug("Closing the event subscription failed", ex);
			}
		}
	}

	private void submit(Runnable task) {
		if (!this.executor.isShutdown()) {
			try {
				this.executor.execute(safely(task));
			}
			catch (RejectedExecutionException ex) {
				log.debug("Shutting down, dropped event work");
			}
		}
	}

	private void schedule(Runnable task, Duration delay) {
		if (!this.executor.isShutdown()) {
			try {
				this.executor.schedule(safely(task), delay.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				log.debug("Shutting down, dropped scheduled event work");
			}
		}
	}

	private static boolean expected(Throwable ex) {
		return ex instanceof ContainerRuntimeException || ex instanceof ReportNotDeliveredException;
	}

	/**
	 * The executor would swallow what a task throws (its future is never read): log it,
	 * Errors included, so nothing fails silently.
	 */
	private static Runnable safely(Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				log.error("Exit watcher task failed", ex);
			}
		};
	}

}
