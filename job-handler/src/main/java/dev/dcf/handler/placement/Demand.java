package dev.dcf.handler.placement;

import java.util.Map;

import dev.dcf.handler.job.Job;

/**
 * What a job needs from an agent.
 *
 * @param containers how many containers
 * @param memoryBytes memory limit of all its containers together
 * @param labels labels the agent must carry (key and value)
 */
record Demand(int containers, long memoryBytes, Map<String, String> labels) {

	private static final long MIB = 1024L * 1024L;

	Demand {
		labels = Map.copyOf(labels);
	}

	static Demand of(Job job) {
		return new Demand(job.getContainers(), job.getContainers() * job.getMemoryLimitMb() * MIB,
				job.getAgentLabels());
	}

}
