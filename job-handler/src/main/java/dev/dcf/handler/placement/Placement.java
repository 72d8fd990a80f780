package dev.dcf.handler.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.dcf.handler.agent.AgentState;

/**
 * Chooses the agent for a job: HEALTHY, not draining, carrying every label the job asks
 * for, with enough free container slots and memory; among those the least loaded (share
 * of container slots in use), then the one with the fewest containers, then the smallest
 * id, so the choice is deterministic. Pure.
 */
final class Placement {

	private static final long MIB = 1024L * 1024L;

	private static final Comparator<AgentSnapshot> LEAST_LOADED = Comparator.comparingDouble(AgentSnapshot::load)
		.thenComparingInt(AgentSnapshot::containers)
		.thenComparing(AgentSnapshot::id);

	private Placement() {
	}

	/**
	 * Chooses an agent.
	 * @param demand what the job needs
	 * @param agents every known agent
	 * @return the chosen agent, or why none fits
	 */
	static Choice choose(Demand demand, Collection<AgentSnapshot> agents) {
		List<AgentSnapshot> fitting = new ArrayList<>();
		Map<String, String> refusals = new TreeMap<>();
		for (AgentSnapshot agent : agents) {
			Optional<String> refusal = refusal(demand, agent);
			if (refusal.isPresent()) {
				refusals.put(agent.id(), refusal.get());
			}
			else {
				fitting.add(agent);
			}
		}
		if (!fitting.isEmpty()) {
			return new Choice(fitting.stream().min(LEAST_LOADED).get().id(), null);
		}
		String why = refusals.isEmpty() ? "no agent has registered" : String.join("; ", refusals.values());
		return new Choice(null, "no agent can take it: " + why);
	}

	/**
	 * Why an agent cannot take the job, if it cannot.
	 */
	static Optional<String> refusal(Demand demand, AgentSnapshot agent) {
		String name = "agent " + agent.id();
		if (agent.status() != AgentState.HEALTHY) {
			if (agent.status() == AgentState.UNHEALTHY && !agent.failedChecks().isEmpty()) {
				return Optional.of(name + " unhealthy (" + String.join(", ", agent.failedChecks()) + ")");
			}
			return Optional.of(name + " " + agent.status().name().toLowerCase(Locale.ROOT));
		}
		if (agent.draining()) {
			return Optional.of(name + " is draining");
		}
		if (demand.refusedBy().contains(agent.id())) {
			return Optional.of(name + " refused this run already");
		}
		List<String> missing = new ArrayList<>();
		new TreeMap<>(demand.labels()).forEach((key, value) -> {
			if (!value.equals(agent.labels().get(key))) {
				missing.add(key + "=" + value);
			}
		});
		if (!missing.isEmpty()) {
			return Optional
				.of(name + " lacks label" + ((missing.size() == 1) ? " " : "s ") + String.join(", ", missing));
		}
		if (agent.freeSlots() < demand.containers()) {
			return Optional.of(name + " has " + agent.freeSlots() + " free container slot"
					+ ((agent.freeSlots() == 1) ? "" : "s") + ", the job needs " + demand.containers());
		}
		if (agent.memoryFreeBytes() < demand.memoryBytes()) {
			return Optional.of(name + " has " + Math.max(0, agent.memoryFreeBytes()) / MIB
					+ " MiB free memory, the job needs " + demand.memoryBytes() / MIB + " MiB");
		}
		return Optional.empty();
	}

	/**
	 * The outcome: an agent, or why there is none.
	 *
	 * @param agentId the chosen agent, {@code null} if none fits
	 * @param reason why none fits, {@code null} if one does
	 */
	record Choice(String agentId, String reason) {

		boolean placed() {
			return this.agentId != null;
		}

	}

}
