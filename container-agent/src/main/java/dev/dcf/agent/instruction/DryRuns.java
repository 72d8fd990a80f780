package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.StartFailure;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs dry runs on a small pool of their own and sends each one's DRY_RUN_DONE: a try
 * takes seconds, and the instruction consumer must not wait for it (the CREATEs and
 * DELETEs behind it would). Bounded: {@link #THREADS} at once, {@link #QUEUED} waiting;
 * one more is answered at once with NO_CAPACITY. An answer that cannot be delivered is
 * logged and dropped: the handler that asked has a deadline of its own and answers its
 * user without it. Thread-safe.
 */
final class DryRuns implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DryRuns.class);

	static final int THREADS = 2;

	static final int QUEUED = 4;

	/** How long closing waits for interrupted dry runs to clean up. */
	private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

	private final DryRunner runner;

	private final Reporter reporter;

	private final Clock clock;

	private final ThreadPoolExecutor pool;

	DryRuns(DryRunner runner, Reporter reporter, Clock clock) {
		this.runner = runner;
		this.reporter = reporter;
		this.clock = clock;
		this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED),
				DaemonThreads.named("dcf-dry-run-"));
	}

	/** Starts the dry run, or answers at once that there is no room for it. */
	void submit(Instruction instruction) {
		try {
			this.pool.execute(() -> send(this.runner.run(instruction)));
		}
		catch (RejectedExecutionException ex) {
			send(new JobReport(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
					JobReport.Kind.DRY_RUN_DONE, StartFailure.NO_CAPACITY,
					"too many dry runs at once on this agent (" + THREADS + " running, " + QUEUED + " waiting)",
					List.of(), this.clock.instant(), null, null));
		}
	}

	private void send(JobReport report) {
		try {
			this.reporter.send(report);
		}
		catch (RuntimeException ex) {
			log.warn("The answer to dry run {} was not delivered: {}", report.jobId(), ex.getMessage());
		}
	}

	/**
	 * Interrupts the dry runs and waits a little for them to clean up, so none runs on
	 * against what closes after this (the health monitor, the runtime).
	 */
	@Override
	public void close() {
		this.pool.shutdownNow();
		try {
			if (!this.pool.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Dry runs still cleaning up after {} s", CLOSE_WAIT.toSeconds());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
