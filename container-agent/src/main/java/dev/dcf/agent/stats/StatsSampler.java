package dev.dcf.agent.stats;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.concurrent.DaemonThreads;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerStats;

import org.springframework.context.SmartLifecycle;

/**
 * Samples the resource use of the containers it follows, every {@code interval}, and
 * keeps the newest sample of each. The heartbeat tells it which containers to follow and
 * reads the samples; reading never waits for Docker.
 *
 * <p>
 * Bounds: the rounds run on a thread of their own, each container's call on a worker,
 * with at most one call in flight per container (a container whose call still runs is
 * skipped in the next round) and a deadline per call. A hung daemon therefore costs one
 * blocked worker per followed container at most, and neither the heartbeat nor the other
 * containers wait for it. A failed call keeps the previous sample (its {@code sampledAt}
 * shows its age); a container that is gone or no longer followed loses its sample.
 * Thread-safe.
 */
public class StatsSampler implements SmartLifecycle {

	/** Below the heartbeat's phase. */
	static final int PHASE = 1;

	private static final Logger log = LoggerFactory.getLogger(StatsSampler.class);

	private final ContainerRuntime runtime;

	private final Duration interval;

	private final Duration callBound;

	private final ScheduledExecutorService rounds;

	private final ExecutorService calls;

	private final Map<String, ContainerStats> latest = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private volatile Set<String> followed = Set.of();

	private volatile boolean running;

	/**
	 * @param interval time between rounds
	 * @param callBound deadline of each container's call
	 */
	public StatsSampler(ContainerRuntime runtime, Duration interval, Duration callBound) {
		this.runtime = runtime;
		this.interval = interval;
		this.callBound = callBound;
		this.rounds = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcf-stats"));
		this.calls = Executors.newCachedThreadPool(DaemonThreads.named("dcf-stats-call-"));
	}

	/**
	 * The containers to sample from now on (the running ones this agent started); the
	 * samples of all others are dropped.
	 * @param containerIds their ids
	 */
	public void follow(Set<String> containerIds) {
		Set<String> ids = Set.copyOf(containerIds);
		this.followed = ids;
		this.latest.keySet().retainAll(ids);
	}

	/**
	 * The newest sample of a followed container; never waits.
	 * @param containerId its id
	 * @return the sample, empty if there is none yet
	 */
	public Optional<ContainerStats> latest(String containerId) {
		return Optional.ofNullable(this.latest.get(containerId));
	}

	/** One round: a call for every followed container whose previous call has ended. */
	void round() {
		for (String id : this.followed) {
			if (!this.inFlight.add(id)) {
				continue;
			}
			try {
				this.calls.execute(() -> sample(id));
			}
			catch (RejectedExecutionException ex) {
				this.inFlight.remove(id);
				return;
			}
		}
	}

	/** Whether a call for the container is running (for tests). */
	boolean inFlight(String containerId) {
		return this.inFlight.contains(containerId);
	}

	private void sample(String id) {
		try {
			Optional<ContainerStats> sample = this.runtime.stats(id, this.callBound);
			if (sample.isPresent() && this.followed.contains(id)) {
				this.latest.put(id, sample.get());
			}
			else if (sample.isEmpty()) {
				this.latest.remove(id);
			}
		}
		catch (RuntimeException ex) {
			log.debug("No stats of container {} this round: {}", id, ex.getMessage());
		}
		finally {
			this.inFlight.remove(id);
		}
	}

	private void roundSafely() {
		try {
			round();
		}
		catch (Throwable ex) {
			// a scheduled task that throws is never run again
			log.warn("Stats round failed, the next one follows in {} ms", this.interval.toMillis(), ex);
		}
	}

	@Override
	public void start() {
		this.rounds.scheduleWithFixedDelay(this::roundSafely, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.rounds.shutdownNow();
		this.calls.shutdownNow();
	}

	/**
	 * Started before the heartbeat and stopped after it (phase 1 against its 2): a bean
	 * another depends on is stopped after its dependents anyway, but with Spring's
	 * default phase it would stop first and take the heartbeat down with it, before the
	 * shutdown clean-up whose result the last status must show.
	 */
	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
