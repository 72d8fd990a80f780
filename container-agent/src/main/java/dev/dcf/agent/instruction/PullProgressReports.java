package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.PullBytes;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the handler that the agent is still pulling a CREATE's image: a spontaneous
 * {@code PULLING} report of the job's run when the pull starts and then every
 * {@code interval} while it runs, saying for how long and, once the registry said, how
 * many bytes of how many ({@code pulling image X for 40 s: 12.3 of 40.0 MB}). The handler
 * counts its deploy timeout from the newest one, so a slow pull that the agent's
 * {@code pull-timeout} still allows does not fail the job.
 *
 * <p>
 * The reports are sent on a thread of their own, so the pull never waits for Kafka: a
 * send that is slow delays only the next report (fixed delay, nothing piles up), one that
 * fails is skipped. Thread-safe.
 */
final class PullProgressReports implements PullFollower, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PullProgressReports.class);

	private final Reporter reporter;

	private final Duration interval;

	private final Clock clock;

	private final ScheduledExecutorService executor;

	PullProgressReports(Reporter reporter, Duration interval, Clock clock) {
		this.reporter = reporter;
		this.interval = interval;
		this.clock = clock;
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("pull-progress"));
		executor.setRemoveOnCancelPolicy(true);
		this.executor = executor;
	}

	@Override
	public Following follow(Instruction instruction, Supplier<PullBytes> bytes) {
		Instant started = this.clock.instant();
		ScheduledFuture<?> reports;
		try {
			reports = this.executor.scheduleWithFixedDelay(() -> report(instruction, started, bytes), 0,
					this.interval.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			log.debug("Not reporting the progress of pulling {}: {}", instruction.image(), ex.toString());
			return () -> {
			};
		}
		return () -> reports.cancel(false);
	}

	private void report(Instruction instruction, Instant started, Supplier<PullBytes> bytes) {
		try {
			Instant now = this.clock.instant();
			String reason = describe(instruction.image(), Duration.between(started, now), bytes.get());
			this.reporter.send(new JobReport(instruction.jobId(), instruction.runNumber(), null, JobReport.Kind.PULLING,
					null, reason, List.of(), now));
			log.debug("Reported job {} run {}: {}", instruction.jobId(), instruction.runNumber(), reason);
		}
		catch (RuntimeException ex) {
			// the next report says the same, only later
			log.debug("Skipped a progress report of job {}: {}", instruction.jobId(), ex.getMessage());
		}
	}

	static String describe(String image, Duration elapsed, PullBytes bytes) {
		StringBuilder text = new StringBuilder("pulling image ").append(image);
		if (elapsed.toSeconds() > 0) {
			text.append(" for ").append(elapsed.toSeconds()).append(" s");
		}
		if (bytes != null && bytes.known()) {
			text.append(": ")
				.append(megabytes(bytes.done()))
				.append(" of ")
				.append(megabytes(bytes.total()))
				.append(" MB");
		}
		return text.toString();
	}

	private static String megabytes(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / 1_000_000.0);
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
