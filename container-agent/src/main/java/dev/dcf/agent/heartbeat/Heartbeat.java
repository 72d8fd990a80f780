package dev.dcf.agent.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.HealthSnapshot;
import dev.dcf.agent.health.SystemDisk;
import dev.dcf.agent.health.SystemMemory;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Sends the agent's status every interval, the first one right at start, and a last one
 * with health STOPPING on shutdown. Shutting down leaves containers running (a restarted
 * agent finds them again) unless {@code dcf.agent.remove-containers-on-shutdown} removed
 * them just before; the last status lists what is left.
 *
 * <p>
 * Each beat checks health afresh (each check bounded), so a Docker daemon that goes away
 * or comes back shows in the next beat. While Docker does not answer, the container list
 * is the last one observed (the handler must not read "no containers" into a daemon it
 * cannot see; the failed {@code docker} check says the list is stale).
 */
class Heartbeat implements SmartLifecycle {

	/** After the exit watcher and the reconciler, before the instruction consumer. */
	static final int PHASE = 2;

	private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

	private final HealthMonitor health;

	private final ContainerRuntime runtime;

	private final SystemMemory memory;

	private final SystemDisk disk;

	private final Reporter reporter;

	private final AgentIdentity identity;

	private final Duration interval;

	private final int maxContainers;

	private final Clock clock;

	private final ScheduledExecutorService scheduler;

	private volatile List<ContainerReport> lastContainers = List.of();

	private volatile ScheduledFuture<?> schedule;

	private volatile boolean failing;

	Heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk, Reporter reporter,
			AgentIdentity identity, Duration interval, int maxContainers, Clock clock) {
		this.health = health;
		this.runtime = runtime;
		this.memory = memory;
		this.disk = disk;
		this.reporter = reporter;
		this.identity = identity;
		this.interval = interval;
		this.maxContainers = maxContainers;
		this.clock = clock;
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "dcf-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public void start() {
		this.schedule = this.scheduler.scheduleAtFixedRate(this::beatSafely, 0, this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> current = this.schedule;
		this.schedule = null;
		if (current != null) {
			current.cancel(false);
		}
		this.scheduler.shutdown();
		try {
			this.scheduler.awaitTermination(this.interval.toMillis() + 5000, TimeUnit.MILLISECONDS);
			AgentReport last = observe().stopping(this.clock.instant());
			this.reporter.send(last);
			log.info("Sent the last status (STOPPING, {} containers left)", last.containers().size());
		}
		catch (RuntimeException ex) {
			log.warn("Could not send the last status (STOPPING): {}", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.schedule != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void beatSafely() {
		try {
			this.reporter.send(observe());
			if (this.failing) {
				log.info("Heartbeats are delivered again");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			// the next beat replaces this one; say so once, not every interval
			if (!this.failing) {
				log.warn("Heartbeat not delivered: {}", ex.getMessage());
				this.failing = true;
			}
		}
	}

	/** Looks at everything now. */
	AgentReport observe() {
		HealthSnapshot snapshot = this.health.evaluate();
		DaemonInfo info = daemonInfo();
		List<ContainerReport> containers = containers();
		int active = (int) containers.stream()
			.filter((container) -> container.state() != ContainerReport.State.EXITED
					&& container.state() != ContainerReport.State.DEAD
					&& container.state() != ContainerReport.State.REMOVED)
			.count();
		Long diskFree;
		try {
			diskFree = this.disk.usableBytes();
		}
		catch (RuntimeException ex) {
			diskFree = null;
		}
		AgentReport.Capacity capacity = new AgentReport.Capacity(
				(info != null) ? info.cpus() : Runtime.getRuntime().availableProcessors(),
				(info != null && info.memoryBytes() > 0) ? info.memoryBytes() : this.memory.totalBytes(),
				this.memory.availableBytes(), diskFree, active, this.maxContainers);
		return new AgentReport(snapshot.healthy() ? AgentReport.Health.HEALTHY : AgentReport.Health.UNHEALTHY,
				snapshot.results(), capacity, this.identity.labels(), this.identity.hostname(), this.identity.version(),
				(info != null) ? info.version() : null, this.interval, containers, this.clock.instant());
	}

	private DaemonInfo daemonInfo() {
		try {
			return this.runtime.info();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private List<ContainerReport> containers() {
		try {
			List<ManagedContainer> found = this.runtime.list(ManagedLabels.AGENT_ID, this.identity.id());
			this.lastContainers = found.stream().map(ContainerReport::of).toList();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot list containers, reporting the last list: {}", ex.getMessage());
		}
		return this.lastContainers;
	}

}
