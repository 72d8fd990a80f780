package dev.dcf.agent.instruction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.ActiveContainers;
import dev.dcf.agent.runtime.ContainerSummary;

/**
 * The agent's capacity while CREATEs of different jobs run side by side: a CREATE
 * reserves its containers when its check passes and holds them until its containers are
 * started (or it failed), so two CREATEs never both take the last free places. A job
 * being created counts with its reservation, never also with the containers of it the
 * listing may already show. Check and reservation happen under one lock, with the listing
 * taken inside it.
 */
final class Reservations {

	private final int maxContainers;

	private final Map<String, Integer> reserved = new HashMap<>();

	Reservations(int maxContainers) {
		this.maxContainers = maxContainers;
	}

	/**
	 * Reserves {@code containers} places for {@code jobId} if they are free.
	 * @param listing this agent's containers (called under the lock)
	 * @return empty if reserved, else how many places the other jobs take
	 */
	synchronized OptionalLong reserve(String jobId, int containers, Supplier<List<ContainerSummary>> listing) {
		long taken = listing.get()
			.stream()
			.filter(ActiveContainers::isActive)
			.map((container) -> container.labels().get(ManagedLabels.JOB_ID))
			.filter((job) -> !jobId.equals(job) && !this.reserved.containsKey(job))
			.count();
		for (Map.Entry<String, Integer> other : this.reserved.entrySet()) {
			if (!other.getKey().equals(jobId)) {
				taken += other.getValue();
			}
		}
		if (taken + containers > this.maxContainers) {
			return OptionalLong.of(taken);
		}
		this.reserved.put(jobId, containers);
		return OptionalLong.empty();
	}

	synchronized void release(String jobId) {
		this.reserved.remove(jobId);
	}

}
