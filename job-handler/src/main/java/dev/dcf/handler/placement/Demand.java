package dev.dcf.handler.placement;

import java.util.Map;
import java.util.Set;

import dev.dcf.handler.job.Job;

/**
 * What a job needs from an agent.
 *
 * @param containers how many containers
 * @param memoryBytes memory limit of all its containers together
 * @param labels labels the agent must carry (key and value)
 * @param refusedBy agents that refused this run already: not chosen again
 */
record Demand(int containers, long memoryBytes, Map<String, String> labels, Set<String> refusedBy) {

	private static final long MIB = 1024L * 1024L;

	Demand {
		labels = Map.copyOf(labels);
		refusedBy = Set.copyOf(refusedBy);
	}

	Demand(int containers, long memoryBytes, Map<String, String> labels) {
		this(containers, memoryBytes, labels, Set.of());
	}

	static Demand of(Job job) {
		return new Demand(job.getContainers(), job.getContainers() * job.getMemoryLimitMb() * MIB, job.getAgentLabels(),
				job.getRun().getRefusedBy());
	}

}
