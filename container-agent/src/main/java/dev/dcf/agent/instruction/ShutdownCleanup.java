package dev.dcf.agent.instruction;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.concurrent.DaemonThreads;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * With {@code dcf.agent.remove-containers-on-shutdown}, stops (with the stop timeout) and
 * removes every container labelled with this agent's id when the agent shuts down, and
 * reports each affected job REMOVED (REMOVE_FAILED naming what is left), so the handler
 * learns its containers are gone. Without it, does nothing: an agent restart must not
 * stop jobs.
 *
 * <p>
 * Runs after the instruction consumer stopped and before the heartbeat sends its last
 * status (which then lists no containers). Jobs are handled in parallel, each under its
 * job's lock like a DELETE, so the exit watcher does not report the containers it stops
 * as exited. The job's containers are listed again under the lock, and the agent's
 * containers once more after each pass, so containers an instruction that was still
 * running created meanwhile are caught as well.
 */
final class ShutdownCleanup implements SmartLifecycle {

	/** After the instruction consumer, before the heartbeat (phase 2). */
	static final int PHASE = 3;

	private static final Logger log = LoggerFactory.getLogger(ShutdownCleanup.class);

	private static final int MAX_PASSES = 3;

	private static final int MAX_PARALLEL_JOBS = 8;

	private final boolean enabled;

	private final ContainerRuntime runtime;

	private final ContainerRemover remover;

	private final JobLocks locks;

	private final Reporter reporter;

	private final String agentId;

	private volatile boolean running;

	ShutdownCleanup(boolean enabled, ContainerRuntime runtime, ContainerRemover remover, JobLocks locks,
			Reporter reporter, String agentId) {
		this.enabled = enabled;
		this.runtime = runtime;
		this.remover = remover;
		this.locks = locks;
		this.reporter = reporter;
		this.agentId = agentId;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.enabled) {
			removeAll();
		}
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
	 * Removes and reports until no container of the agent is left, Docker fails, or
	 * {@value #MAX_PASSES} passes are done.
	 */
	void removeAll() {
		for (int pass = 1; pass <= MAX_PASSES; pass++) {
			Set<String> jobs;
			try {
				jobs = jobsWithContainers();
			}
			catch (ContainerRuntimeException ex) {
				log.warn("Shutting down: cannot remove the containers of agent {}, Docker does not answer: {}",
						this.agentId, ex.getMessage());
				return;
			}
			if (jobs.isEmpty()) {
				return;
			}
			log.info("Shutting down: stopping and removing the containers of {} jobs "
					+ "(dcf.agent.remove-containers-on-shutdown)", jobs.size());
			if (!removeJobs(jobs)) {
				return;
			}
		}
		log.warn("Shutting down: containers of agent {} were still there after {} passes", this.agentId, MAX_PASSES);
	}

	private Set<String> jobsWithContainers() {
		Set<String> jobs = new TreeSet<>();
		for (ManagedContainer container : this.runtime.list(ManagedLabels.AGENT_ID, this.agentId)) {
			jobs.add(container.labels().getOrDefault(ManagedLabels.JOB_ID, ""));
		}
		return jobs;
	}

	/** Removes the jobs' containers in parallel; whether all of them went. */
	private boolean removeJobs(Set<String> jobs) {
		ExecutorService executor = Executors.newFixedThreadPool(Math.min(jobs.size(), MAX_PARALLEL_JOBS), threads());
		try {
			List<Future<Boolean>> results = jobs.stream().map((job) -> executor.submit(() -> removeJob(job))).toList();
			boolean all = true;
			for (Future<Boolean> result : results) {
				all &= result.get();
			}
			return all;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			log.warn("Shutting down: removing containers failed", ex.getCause());
			return false;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private boolean removeJob(String jobId) {
		return this.locks.withLock(jobId, () -> {
			Optional<JobReport> report;
			try {
				report = this.remover.removeAllOf(jobId, this.agentId,
						"agent " + this.agentId + " shut down and removed its containers");
			}
			catch (ContainerRuntimeException ex) {
				log.warn("Shutting down: cannot list the containers of job {}: {}", jobId, ex.getMessage());
				return false;
			}
			report.ifPresent(this::send);
			return report.map((r) -> r.kind() == JobReport.Kind.REMOVED).orElse(true);
		});
	}

	private void send(JobReport report) {
		try {
			this.reporter.send(report);
		}
		catch (RuntimeException ex) {
			// shutting down: nobody is left to retry; the handler finds out from the
			// containers missing in the next heartbeat, or loses the agent's jobs when
			// it stays silent
			log.warn("Shutting down: could not report {} of job {}: {}", report.kind(), report.jobId(),
					ex.getMessage());
		}
	}

	private static ThreadFactory threads() {
		return DaemonThreads.named("dcf-shutdown-cleanup-");
	}

}
