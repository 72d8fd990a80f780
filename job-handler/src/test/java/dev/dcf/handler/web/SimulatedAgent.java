package dev.dcf.handler.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

/**
 * Stands in for a container agent where the GUI tests need no real one: heartbeats into
 * the agent registry once a second (reporting a container for each container of its
 * running jobs), and makes a started job RUNNING on it the way the status handling would.
 * It never talks to Kafka or Docker; the end-to-end test uses a real agent.
 */
final class SimulatedAgent implements AutoCloseable {

	private final String id;

	private final AgentService agents;

	private final JobRepository jobs;

	private final JobContainerRepository containers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final AtomicLong sequence = new AtomicLong();

	private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();

	private volatile List<AgentCheck> checks = List.of(new AgentCheck("docker", true, null));

	SimulatedAgent(String id, AgentService agents, JobRepository jobs, JobContainerRepository containers,
			TransactionTemplate transactions, Clock clock) {
		this.id = id;
		this.agents = agents;
		this.jobs = jobs;
		this.containers = containers;
		this.transactions = transactions;
		this.clock = clock;
	}

	String id() {
		return this.id;
	}

	SimulatedAgent start() {
		heartbeat();
		this.heartbeats.scheduleWithFixedDelay(this::heartbeatQuietly, 1, 1, TimeUnit.SECONDS);
		return this;
	}

	/** From the next heartbeat on, the docker check fails (or passes again). */
	void dockerCheck(boolean passes, String message) {
		this.checks = List.of(new AgentCheck("docker", passes, passes ? null : message));
		heartbeat();
	}

	/**
	 * Takes a DEPLOYING job: places it here (unless placement already did) and reports
	 * all its containers started.
	 */
	void run(String jobId) {
		for (int attempt = 0;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> {
					Job job = this.jobs.findById(jobId).orElseThrow();
					if (job.getAgentId() == null) {
						job.assignTo(this.id, this.clock.instant());
					}
					Instant now = this.clock.instant();
					for (int i = 0; i < job.getContainers(); i++) {
						JobContainer container = this.containers
							.findByJobIdAndRunNumberAndIndex(jobId, job.getRunNumber(), i)
							.orElse(new JobContainer(jobId, job.getRunNumber(), i, this.id, now));
						container.observe(containerId(job, i), "dcf-" + jobId + "-" + i, ContainerState.RUNNING, null,
								now, null, now);
						this.containers.save(container);
					}
					job.markRunning(now);
					this.jobs.save(job);
				});
				return;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt >= 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * A container of the job exited with an error: the job fails, as the status handling
	 * would decide.
	 */
	void fail(String jobId, String reason) {
		this.transactions.executeWithoutResult((status) -> {
			Job job = this.jobs.findById(jobId).orElseThrow();
			job.fail(reason, this.clock.instant());
			this.jobs.save(job);
		});
	}

	private void heartbeatQuietly() {
		try {
			heartbeat();
		}
		catch (RuntimeException ex) {
			// the application may be shutting down; the next test sees no heartbeat
		}
	}

	private synchronized void heartbeat() {
		List<ReportedContainer> containers = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			for (Job job : this.jobs.findByAgentIdAndStateIn(this.id,
					EnumSet.of(JobState.RUNNING, JobState.STOPPING))) {
				for (int i = 0; i < job.getContainers(); i++) {
					containers.add(new ReportedContainer(job.getId(), job.getRunNumber(), i, containerId(job, i),
							"dcf-" + job.getId() + "-" + i, ContainerState.RUNNING, null, job.getRun().getStartedAt(),
							null));
				}
			}
		});
		boolean healthy = this.checks.stream().allMatch(AgentCheck::passed);
		AgentHeartbeat heartbeat = new AgentHeartbeat(this.id, this.sequence.incrementAndGet(), this.clock.instant(),
				healthy ? AgentState.HEALTHY : AgentState.UNHEALTHY, this.checks,
				new AgentCapacity(4, 8L << 30, 5L << 30, 200L << 30, containers.size(), 20),
				Map.of("zone", "test", "simulated", "true"), "sim-host", "0.1.0-test", "20.10.24",
				Duration.ofSeconds(1), containers);
		this.agents.recordHeartbeat(heartbeat, this.clock.instant());
	}

	private static String containerId(Job job, int index) {
		return String.format("%02x", index) + job.getId().replace("-", "");
	}

	@Override
	public void close() {
		this.heartbeats.shutdownNow();
	}

}
