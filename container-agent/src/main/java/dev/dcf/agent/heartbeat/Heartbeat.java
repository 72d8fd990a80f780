package dev.dcf.agent.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.dcf.agent.concurrent.OneAtATime;
import dev.dcf.agent.concurrent.OneAtATime.NoAnswerException;
import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.HealthSnapshot;
import dev.dcf.agent.health.SystemDisk;
import dev.dcf.agent.health.SystemMemory;
import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.stats.StatsSampler;
import dev.dcf.agent.concurrent.DaemonThreads;

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
 * Each beat checks health afresh, so a Docker daemon that goes away or comes back shows
 * in the next beat. Everything a beat observes is bounded by {@code observationBound}
 * (well below the interval) and Docker calls run on threads of their own, one call of a
 * kind at a time: a hung daemon never delays a heartbeat (the handler would declare the
 * agent lost) and never piles up threads. While Docker does not answer, the container
 * list and daemon facts are the last ones observed (the handler must not read "no
 * containers" into a daemon it cannot see; the failed {@code docker} check says they are
 * stale). Sending is bounded too: a heartbeat that cannot be sent in time is dropped, the
 * next one replaces it.
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

	private final SequenceCounter sequences;

	private final AgentIdentity identity;

	private final Duration interval;

	private final Duration observationBound;

	private final int maxContainers;

	private final Clock clock;

	private final KafkaContact contact;

	private final ScheduledExecutorService scheduler;

	private final StatsSampler stats;

	/** The least time the last status (STOPPING) gets to observe. */
	private static final Duration LAST_STATUS_BOUND = Duration.ofSeconds(5);

	private final OneAtATime<DaemonInfo> infoCalls = new OneAtATime<>("dcf-heartbeat-info");

	private final OneAtATime<List<ManagedContainer>> listCalls = new OneAtATime<>("dcf-heartbeat-list");

	private final OneAtATime<Void> sends = new OneAtATime<>("dcf-heartbeat-send");

	private volatile List<ContainerReport> lastContainers = List.of();

	private volatile DaemonInfo lastInfo;

	private volatile ScheduledFuture<?> schedule;

	private volatile boolean failing;

	Heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk, Reporter reporter,
			AgentIdentity identity, Duration interval, Duration observationBound, int maxContainers, Clock clock) {
		this(health, runtime, memory, disk, reporter, identity, interval, observationBound, maxContainers, clock,
				new KafkaContact(clock));
	}

	/**
	 * @param contact told about every heartbeat Kafka acknowledged (self-fencing reads
	 * it)
	 */
	Heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk, Reporter reporter,
			AgentIdentity identity, Duration interval, Duration observationBound, int maxContainers, Clock clock,
			KafkaContact contact) {
		this(health, runtime, memory, disk, reporter, identity, interval, observationBound, maxContainers, clock,
				contact, null, new SequenceCounter(clock));
	}

	/**
	 * @param stats told which containers to sample, asked for their newest samples; null
	 * = no stats
	 * @param sequences the agent's report sequence (the reporter's)
	 */
	Heartbeat(HealthMonitor health, ContainerRuntime runtime, SystemMemory memory, SystemDisk disk, Reporter reporter,
			AgentIdentity identity, Duration interval, Duration observationBound, int maxContainers, Clock clock,
			KafkaContact contact, StatsSampler stats, SequenceCounter sequences) {
		this.sequences = sequences;
		this.stats = stats;
		this.contact = contact;
		this.health = health;
		this.runtime = runtime;
		this.memory = memory;
		this.disk = disk;
		this.reporter = reporter;
		this.identity = identity;
		this.interval = interval;
		this.observationBound = observationBound;
		this.maxContainers = maxContainers;
		this.clock = clock;
		this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("dcf-heartbeat"));
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
			// the last status must show what shutting down left: not a list call still in
			// flight from before the clean-up, nor the last list seen when the daemon is
			// merely slow
			Duration bound = (this.observationBound.compareTo(LAST_STATUS_BOUND) > 0) ? this.observationBound
					: LAST_STATUS_BOUND;
			long until = System.nanoTime() + bound.toNanos();
			while (this.listCalls.busy() && System.nanoTime() < until) {
				Thread.sleep(20);
			}
			AgentReport last = observe(bound).stopping(this.clock.instant());
			this.reporter.send(last);
			log.info("Sent the last status (STOPPING, {} containers left)", last.containers().size());
		}
		catch (RuntimeException ex) {
			log.warn("Could not send the last status (STOPPING): {}", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.infoCalls.close();
			this.listCalls.close();
			this.sends.close();
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

	/**
	 * One beat. Catches everything, {@link Error}s included: a task of a
	 * {@link ScheduledExecutorService} that throws is silently never run again, and an
	 * agent that stops beating is declared lost while its containers run on.
	 */
	void beatSafely() {
		try {
			beat();
		}
		catch (Throwable ex) {
			log.error("Heartbeat failed, the next one follows in {} ms", this.interval.toMillis(), ex);
		}
	}

	private void beat() {
		long start = System.nanoTime();
		AgentReport report = observe();
		if (this.sends.busy()) {
			// the previous one is still stuck in the producer: this one would queue
			// behind it
			notDelivered("the previous heartbeat is still being sent");
			return;
		}
		Duration sendBound = this.interval.minus(Duration.ofNanos(System.nanoTime() - start));
		try {
			this.sends.call(() -> {
				this.reporter.send(report);
				return null;
			}, sendBound.isNegative() ? Duration.ZERO : sendBound);
			this.contact.acknowledged();
			if (this.failing) {
				log.info("Heartbeats are delivered again");
				this.failing = false;
			}
		}
		catch (RuntimeException ex) {
			notDelivered(ex.getMessage());
		}
	}

	private void notDelivered(String why) {
		// the next beat replaces this one; say so once, not every interval
		if (!this.failing) {
			log.warn("Heartbeat not delivered: {}", why);
			this.failing = true;
		}
	}

	/**
	 * Looks at everything now, within {@code observationBound}: health checks, daemon
	 * facts and the container list run side by side under one deadline.
	 */
	AgentReport observe() {
		return observe(this.observationBound);
	}

	private AgentReport observe(Duration bound) {
		// before the list: a job report sent later has a higher sequence
		long sequence = this.sequences.next();
		long deadline = System.nanoTime() + bound.toNanos();
		Future<DaemonInfo> infoCall = this.infoCalls.start(this.runtime::info);
		Future<List<ManagedContainer>> listCall = this.listCalls
			.start(() -> this.runtime.list(ManagedLabels.MANAGED, "true"));
		HealthSnapshot snapshot = this.health.evaluate(this.observationBound);
		DaemonInfo info = daemonInfo(infoCall, deadline);
		List<ContainerReport> containers = withStats(containers(listCall, deadline));
		// capacity counts this agent's own containers, as CREATE does against
		// max-containers
		int active = (int) containers.stream()
			.filter((container) -> this.identity.id().equals(container.agentId()))
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
				(info != null) ? info.version() : null, this.interval, containers, this.clock.instant(), sequence);
	}

	/**
	 * The running containers this agent started are the ones sampled; each carries its
	 * newest sample (reading them never waits for Docker).
	 */
	private List<ContainerReport> withStats(List<ContainerReport> containers) {
		if (this.stats == null) {
			return containers;
		}
		Set<String> running = containers.stream()
			.filter((container) -> container.state() == ContainerReport.State.RUNNING)
			.filter((container) -> this.identity.id().equals(container.agentId()))
			.map(ContainerReport::containerId)
			.collect(Collectors.toSet());
		this.stats.follow(running);
		return containers.stream()
			.map((container) -> running.contains(container.containerId())
					? container.withStats(this.stats.latest(container.containerId()).orElse(null)) : container)
			.toList();
	}

	/** Now, or the last one seen if the daemon does not answer in time. */
	private DaemonInfo daemonInfo(Future<DaemonInfo> call, long deadline) {
		try {
			this.lastInfo = OneAtATime.await(call, deadline, this.observationBound);
		}
		catch (NoAnswerException ex) {
			log.debug("Docker info: {}, reporting the last one seen", ex.getMessage());
		}
		catch (RuntimeException ex) {
			// the daemon said it is not there: its facts are unknown
			this.lastInfo = null;
		}
		return this.lastInfo;
	}

	private List<ContainerReport> containers(Future<List<ManagedContainer>> call, long deadline) {
		try {
			this.lastContainers = OneAtATime.await(call, deadline, this.observationBound)
				.stream()
				.map(ContainerReport::of)
				.toList();
		}
		catch (RuntimeException ex) {
			log.debug("Cannot list containers, reporting the last list: {}", ex.getMessage());
		}
		return this.lastContainers;
	}

}
