package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the runs' restart policies on this agent, without the handler (like the
 * deadlines): a container of a run with a policy that exits with a code other than 0 is
 * removed and started anew (same index, run, spec and labels) after the policy's delay,
 * as long as its budget ({@link RestartBudget}) allows and the run's deadline is not
 * reached; otherwise its exit is reported as before and the handler fails the job.
 *
 * <p>
 * Only runs whose CREATE this agent process answered with STARTED are known (kept in
 * memory): after an agent restart, exits are reported as exits. A DELETE of the job
 * cancels its pending restarts, and a pending restart happens only if the exited
 * container is still there, unchanged, when it is due (so a DELETE, the deadline enforcer
 * or a newer run's CREATE that removed it always win). Restarts run on a scheduler thread
 * of their own under the job's lock, never on the event or the instruction thread.
 * Thread-safe.
 */
public final class Restarts implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Restarts.class);

	private static final Duration MAX_RESEND_DELAY = Duration.ofSeconds(30);

	/** Runs tasks later; the production one is a single daemon thread. */
	interface Timer {

		Future<?> schedule(Runnable task, Duration delay);

		default void close() {
		}

	}

	private final ContainerRuntime runtime;

	private final ContainerSpecs specs;

	private final JobLocks locks;

	private final Reporter reporter;

	private final Clock clock;

	private final Timer timer;

	/** job id -> the run with a restart policy. */
	private final Map<String, Run> runs = new ConcurrentHashMap<>();

	Restarts(ContainerRuntime runtime, ContainerSpecs specs, JobLocks locks, Reporter reporter, Clock clock,
			Timer timer) {
		this.runtime = runtime;
		this.specs = specs;
		this.locks = locks;
		this.reporter = reporter;
		this.clock = clock;
		this.timer = timer;
	}

	Restarts(ContainerRuntime runtime, ContainerSpecs specs, JobLocks locks, Reporter reporter, Clock clock) {
		this(runtime, specs, locks, reporter, clock, executorTimer());
	}

	/**
	 * A CREATE was answered with STARTED: its run's policy applies from now on. A CREATE
	 * delivered again keeps the run's budgets; a new run replaces the old one. Callers
	 * hold the job's lock.
	 */
	void started(Instruction instruction) {
		Run current = this.runs.get(instruction.jobId());
		if (current != null && current.instruction.runNumber() == instruction.runNumber()) {
			return;
		}
		cancel(instruction.jobId());
		if (instruction.restart().restarts()) {
			this.runs.put(instruction.jobId(), new Run(instruction));
		}
	}

	/**
	 * The job's containers go (DELETE, deadline, fencing): pending restarts are cancelled
	 * and no more happen. Callers hold the job's lock.
	 */
	void cancel(String jobId) {
		Run run = this.runs.remove(jobId);
		if (run != null) {
			run.pending.forEach((future) -> future.cancel(false));
			if (!run.pending.isEmpty()) {
				log.info("Job {} run {}: pending restarts cancelled", jobId, run.instruction.runNumber());
			}
		}
	}

	/**
	 * A container exited. If its run's policy restarts it, the restart is scheduled and
	 * returned; asking again about the same exit returns the same restart (a report that
	 * was not delivered is sent again). Callers hold the job's lock.
	 * @param container the exited container, freshly inspected
	 * @return the restart to report as CONTAINER_RESTARTED, or empty: report the exit
	 */
	public Optional<JobReport.Restart> onExit(ManagedContainer container) {
		Integer code = container.exitCode();
		ContainerReport exited = ContainerReport.of(container);
		Run run = this.runs.get(exited.jobId());
		if (code == null || code == 0 || run == null || run.instruction.runNumber() != exited.runNumber()
				|| exited.index() < 0 || exited.index() >= run.instruction.containers()) {
			return Optional.empty();
		}
		String exitKey = container.id() + "/" + container.finishedAt();
		JobReport.Restart known = run.decided.get(exitKey);
		if (known != null) {
			return Optional.of(known);
		}
		Instant now = this.clock.instant();
		Instant deadline = exited.deadline();
		RestartBudget budget = run.budgets.computeIfAbsent(exited.index(),
				(index) -> new RestartBudget(run.instruction.restart()));
		Optional<JobReport.Restart> restart = budget.next(now, deadline);
		if (restart.isEmpty()) {
			log.info("Job {} run {}: container {} exited with code {}, {}", exited.jobId(), exited.runNumber(),
					container.name(), code, budget.whyNot(now, deadline));
			return restart;
		}
		run.decided.put(exitKey, restart.get());
		run.pending.removeIf(Future::isDone);
		run.pending.add(this.timer.schedule(() -> restartSafely(run, exited, restart.get()), restart.get().delay()));
		log.info("Job {} run {}: container {} exited with code {}, restart {} of {} in {} ms", exited.jobId(),
				exited.runNumber(), container.name(), code, restart.get().attempt(), restart.get().attempts(),
				restart.get().delay().toMillis());
		return restart;
	}

	@Override
	public void close() {
		this.timer.close();
	}

	private void restartSafely(Run run, ContainerReport exited, JobReport.Restart restart) {
		try {
			this.locks.withLock(exited.jobId(), () -> restart(run, exited, restart));
		}
		catch (Throwable ex) {
			// Errors included: the job would stay RUNNING with a container that is gone
			log.error("Restart of container {} failed", exited.name(), ex);
		}
	}

	/** Due: under the job's lock. */
	private void restart(Run run, ContainerReport exited, JobReport.Restart restart) {
		if (this.runs.get(exited.jobId()) != run) {
			return;
		}
		Instruction instruction = run.instruction;
		Instant deadline = exited.deadline();
		if (deadline != null && !this.clock.instant().isBefore(deadline)) {
			log.info("Job {} run {}: restart of {} not done, the run's deadline {} passed (removed by the deadline)",
					exited.jobId(), exited.runNumber(), exited.name(), deadline);
			return;
		}
		JobReport report;
		try {
			Optional<ManagedContainer> now = this.runtime.inspect(exited.name());
			if (now.isEmpty() || !now.get().id().equals(exited.containerId())) {
				log.info("Job {} run {}: restart of {} not done, the container was removed or replaced meanwhile",
						exited.jobId(), exited.runNumber(), exited.name());
				return;
			}
			this.runtime.remove(exited.containerId());
			ManagedContainer started = this.runtime
				.createAndStart(this.specs.spec(instruction, exited.index(), deadline));
			log.info("Job {} run {}: container {} restarted ({} of {}) as {}", exited.jobId(), exited.runNumber(),
					exited.name(), restart.attempt(), restart.attempts(), started.id());
			report = new JobReport(
					exited.jobId(), exited.runNumber(), null, JobReport.Kind.STARTED, null, "container " + exited.name()
							+ " restarted (" + restart.attempt() + " of " + restart.attempts() + ")",
					List.of(ContainerReport.of(started)), this.clock.instant(), null, null, restart);
		}
		catch (ContainerRuntimeException ex) {
			log.warn("Job {} run {}: restart of {} failed: {}", exited.jobId(), exited.runNumber(), exited.name(),
					ex.getMessage());
			this.runs.remove(exited.jobId(), run);
			report = new JobReport(exited.jobId(), exited.runNumber(), null, JobReport.Kind.CONTAINER_EXITED, null,
					"container " + exited.name() + " exited with code " + exited.exitCode() + "; restart "
							+ restart.attempt() + " of " + restart.attempts() + " failed: " + ex.getMessage(),
					List.of(exited), this.clock.instant());
		}
		send(run, report, 0);
	}

	/** Sends, and again with backoff until Kafka takes it or the run is cancelled. */
	private void send(Run run, JobReport report, int attempt) {
		try {
			this.reporter.send(report);
		}
		catch (ReportNotDeliveredException ex) {
			Duration delay = Duration.ofSeconds(1L << Math.min(attempt, 5));
			Duration wait = (delay.compareTo(MAX_RESEND_DELAY) > 0) ? MAX_RESEND_DELAY : delay;
			log.warn("Report {} of job {} not delivered, again in {} s: {}", report.kind(), report.jobId(),
					wait.toSeconds(), ex.getMessage());
			if (report.kind() != JobReport.Kind.STARTED || this.runs.get(report.jobId()) == run) {
				this.timer.schedule(() -> send(run, report, attempt + 1), wait);
			}
		}
	}

	private static Timer executorTimer() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("dcf-restarts"));
		executor.setRemoveOnCancelPolicy(true);
		return new Timer() {
			@Override
			public Future<?> schedule(Runnable task, Duration delay) {
				try {
					return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (RejectedExecutionException ex) {
					log.debug("Shutting down, restart dropped");
					return CompletableFuture.completedFuture(null);
				}
			}

			@Override
			public void close() {
				executor.shutdownNow();
			}
		};
	}

	/** A run with a restart policy; its maps are used under the job's lock only. */
	private static final class Run {

		private final Instruction instruction;

		private final Map<Integer, RestartBudget> budgets = new HashMap<>();

		/** exit (container id + finish time) -> the restart decided for it. */
		private final Map<String, JobReport.Restart> decided = new HashMap<>();

		private final List<Future<?>> pending = new ArrayList<>();

		private Run(Instruction instruction) {
			this.instruction = instruction;
		}

	}

}
