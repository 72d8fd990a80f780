package dev.dcf.faults;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Polls the handler twice a second during a scenario: which statuses each agent showed
 * and which states each watched job went through. Polls that fail (the handler or its
 * database is down) are skipped: they are the outage, not a finding.
 */
final class Watcher implements AutoCloseable {

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private final HandlerApi api;

	private final Set<String> jobs = new CopyOnWriteArraySet<>();

	private final Map<String, Set<String>> agentStatuses = new ConcurrentHashMap<>();

	private final Map<String, Set<String>> jobStates = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	Watcher(HandlerApi api) {
		this.api = api;
		this.thread = new Thread(this::poll, "fault-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	void watch(String jobId) {
		this.jobs.add(jobId);
	}

	/** Agents the handler showed as LOST at some poll. */
	Set<String> agentsSeenLost() {
		Set<String> lost = new java.util.TreeSet<>();
		this.agentStatuses.forEach((agent, statuses) -> {
			if (statuses.contains("LOST")) {
				lost.add(agent);
			}
		});
		return lost;
	}

	/** Forgets the job states seen so far: what counts is from a fault on. */
	void forgetJobStates() {
		this.jobStates.clear();
	}

	Set<String> statesSeen(String jobId) {
		return Set.copyOf(this.jobStates.getOrDefault(jobId, Set.of()));
	}

	private void poll() {
		while (this.running) {
			try {
				this.api.agents()
					.forEach((agent) -> this.agentStatuses
						.computeIfAbsent((String) agent.get("id"), (id) -> ConcurrentHashMap.newKeySet())
						.add((String) agent.get("status")));
				for (String job : this.jobs) {
					this.jobStates.computeIfAbsent(job, (id) -> ConcurrentHashMap.newKeySet()).add(this.api.state(job));
				}
			}
			catch (RuntimeException ex) {
				// the handler is unreachable during some faults
			}
			try {
				Thread.sleep(INTERVAL.toMillis());
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

}
