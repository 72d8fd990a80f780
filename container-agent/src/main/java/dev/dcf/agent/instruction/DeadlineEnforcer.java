package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Holds deadlines without the handler: every interval, stops and removes this agent's
 * containers whose deadline (label {@code dcf.deadline}) has passed, and, with
 * {@code dcf.agent.stop-after-disconnect}, all its containers once no report has been
 * acknowledged by Kafka for that long. Each job's removal is reported REMOVED (cause
 * DEADLINE or SELF_FENCED) when Kafka takes it: until then the report is kept pending and
 * sent again.
 *
 * <p>
 * Needs no Kafka to act. Checks run on a thread of their own and reports are sent on
 * another, so neither a hung daemon (every Docker call is bounded) nor an unreachable
 * broker holds up the other or the heartbeat; a check that throws anything, Errors
 * included, is logged and the next one runs. Containers are removed under the job's lock
 * like a DELETE, so their exits are not reported as failures.
 */
final class DeadlineEnforcer implements SmartLifecycle {

	/** With the reconciler: after the exit watcher, before the heartbeat. */
	static final int PHASE = 1;

	private static final Logger log = LoggerFactory.getLogger(DeadlineEnforcer.class);

	private final ContainerRuntime runtime;

	private final ContainerRemover remover;

	private final JobLocks locks;

	private final PendingReports pending;

	private final KafkaContact contact;

	private final String agentId;

	private final Duration interval;

	private final Duration stopAfterDisconnect;

	private final Clock clock;

	private final ScheduledExecutorService checks = executor("dcf-deadlines");

	private final ScheduledExecutorService sends = executor("dcf-deadline-reports");

	private final AtomicBoolean flushQueued = new AtomicBoolean();

	private volatile boolean running;

	private boolean fenced;

	private final Restarts restarts;

	/**
	 * @param interval how often deadlines are checked and pending reports retried
	 * @param stopAfterDisconnect null = never fence
	 */
	DeadlineEnforcer(ContainerRuntime runtime, ContainerRemover remover, JobLocks locks, PendingReports pending,
			KafkaContact contact, String agentId, Duration interval, Duration stopAfterDisconnect, Clock clock) {
		this(runtime, remover, locks, pending, contact, agentId, interval, stopAfterDisconnect, clock, null);
	}

	/**
	 * @param restarts pending restarts of a job whose containers go are cancelled; null =
	 * none
	 */
	DeadlineEnforcer(ContainerRuntime runtime, ContainerRemover remover, JobLocks locks, PendingReports pending,
			KafkaContact contact, String agentId, Duration interval, Duration stopAfterDisconnect, Clock clock,
			Restarts restarts) {
		this.restarts = restarts;
		this.runtime = runtime;
		this.remover = remover;
		this.locks = locks;
		this.pending = pending;
		this.contact = contact;
		this.agentId = agentId;
		this.interval = interval;
		this.stopAfterDisconnect = stopAfterDisconnect;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = true;
		long millis = this.interval.toMillis();
		this.checks.scheduleWithFixedDelay(this::checkSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.sends.scheduleWithFixedDelay(this::flushSafely, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		this.checks.shutdownNow();
		// one last try for what is pending, bounded: shutting down must not wait for
		// Kafka
		this.sends.execute(this::flushSafely);
		this.sends.shutdown();
		try {
			if (!this.sends.awaitTermination(this.interval.toMillis(), TimeUnit.MILLISECONDS)) {
				log.warn("Shutting down with {} reports not delivered", this.pending.pending().size());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sends.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * One check. Catches everything: a task of a {@link ScheduledExecutorService} that
	 * throws is never run again, and deadlines would silently stop holding.
	 */
	void checkSafely() {
		try {
			check();
		}
		catch (ContainerRuntimeException ex) {
			log.warn("Cannot check deadlines now, Docker does not answer: {}", ex.getMessage());
		}
		catch (Throwable ex) {
			log.error("Deadline check failed, the next one follows in {} ms", this.interval.toMillis(), ex);
		}
	}

	/** Removes what must go now, queues the reports and has them sent. */
	void check() {
		List<ManagedContainer> ours = this.runtime.list(ManagedLabels.AGENT_ID, this.agentId);
		Duration silent = this.contact.silentFor();
		if (this.stopAfterDisconnect != null && silent.compareTo(this.stopAfterDisconnect) >= 0) {
			fence(ours, silent);
		}
		else {
			if (this.fenced) {
				log.info("Kafka acknowledged a report again; no longer stopping containers (stop-after-disconnect)");
				this.fenced = false;
			}
			removeExpired(ours);
		}
		requestFlush();
	}

	private void removeExpired(List<ManagedContainer> ours) {
		Instant now = this.clock.instant();
		Map<String, Instant> expiredJobs = ours.stream()
			.filter((container) -> expired(container, now))
			.collect(Collectors.toMap(ContainerReport::jobIdOf,
					(container) -> ContainerReport.deadlineOf(container).get(), (a, b) -> a.isBefore(b) ? a : b,
					TreeMap::new));
		expiredJobs.forEach((jobId, deadline) -> {
			String reason = "duration reached (deadline " + deadline + "), removed by the agent";
			removeJob(jobId, (container) -> expired(container, this.clock.instant()), reason,
					JobReport.Removal.DEADLINE);
		});
	}

	private void fence(List<ManagedContainer> ours, Duration silent) {
		if (ours.isEmpty()) {
			return;
		}
		if (!this.fenced) {
			log.warn(
					"No report acknowledged by Kafka for {} s (since {}): stopping and removing the {} containers "
							+ "of this agent (dcf.agent.stop-after-disconnect = {})",
					silent.toSeconds(), this.contact.lastAcknowledged(), ours.size(), this.stopAfterDisconnect);
			this.fenced = true;
		}
		String reason = "agent was cut off from Kafka for " + silent.toSeconds()
				+ " s: containers stopped (stop-after-disconnect)";
		ours.stream()
			.map(ContainerReport::jobIdOf)
			.distinct()
			.sorted()
			.forEach((jobId) -> removeJob(jobId, (container) -> true, reason, JobReport.Removal.SELF_FENCED));
	}

	private void removeJob(String jobId, Predicate<ManagedContainer> which, String reason, JobReport.Removal removal) {
		// listed again under the lock: a DELETE may have removed them meanwhile, a
		// CREATE of a new run replaced them
		Optional<JobReport> report = this.locks.withLock(jobId, () -> {
			if (this.restarts != null) {
				this.restarts.cancel(jobId);
			}
			return this.remover.removeAllOf(jobId, this.agentId, which, reason, removal);
		});
		report.ifPresent((r) -> {
			log.warn("Job {} run {}: {} ({} containers)", jobId, r.runNumber(), reason, r.containers().size());
			this.pending.add(r);
		});
	}

	private static boolean expired(ManagedContainer container, Instant now) {
		return ContainerReport.deadlineOf(container).map((deadline) -> !deadline.isAfter(now)).orElse(false);
	}

	private void requestFlush() {
		if (this.pending.pending().isEmpty() || !this.flushQueued.compareAndSet(false, true)) {
			return;
		}
		try {
			this.sends.execute(() -> {
				this.flushQueued.set(false);
				flushSafely();
			});
		}
		catch (RejectedExecutionException ex) {
			this.flushQueued.set(false);
		}
	}

	void flushSafely() {
		try {
			this.pending.flush();
		}
		catch (Throwable ex) {
			log.error("Sending pending reports failed, retrying in {} ms", this.interval.toMillis(), ex);
		}
	}

	private static ScheduledExecutorService executor(String name) {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(name));
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}
