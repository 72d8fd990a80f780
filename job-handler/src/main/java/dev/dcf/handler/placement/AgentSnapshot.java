package dev.dcf.handler.placement;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.dcf.handler.agent.AgentState;

/**
 * An agent as placement sees it: its last heartbeat, plus what DCF has placed there since
 * that heartbeat could have shown it.
 *
 * @param id the agent
 * @param status its status
 * @param failedChecks names of the checks that failed in its last heartbeat
 * @param labels its labels
 * @param maxContainers most containers it runs
 * @param containers DCF containers it runs or is about to run
 * @param memoryFreeBytes free memory left after what is about to run
 * @param draining whether an administrator marked it draining (it takes no new job)
 */
record AgentSnapshot(String id, AgentState status, List<String> failedChecks, Map<String, String> labels,
		int maxContainers, int containers, long memoryFreeBytes, boolean draining) {

	AgentSnapshot {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(status, "status");
		failedChecks = List.copyOf(failedChecks);
		labels = Map.copyOf(labels);
	}

	AgentSnapshot(String id, AgentState status, List<String> failedChecks, Map<String, String> labels,
			int maxContainers, int containers, long memoryFreeBytes) {
		this(id, status, failedChecks, labels, maxContainers, containers, memoryFreeBytes, false);
	}

	/**
	 * The same agent with a job's demand placed on it.
	 * @param demand what the job needs
	 * @return the new snapshot
	 */
	AgentSnapshot withPlaced(Demand demand) {
		return new AgentSnapshot(this.id, this.status, this.failedChecks, this.labels, this.maxContainers,
				this.containers + demand.containers(), this.memoryFreeBytes - demand.memoryBytes(), this.draining);
	}

	/** Share of its container slots in use: what "least loaded" compares. */
	double load() {
		return (this.maxContainers <= 0) ? 1.0 : (double) this.containers / this.maxContainers;
	}

	int freeSlots() {
		return Math.max(0, this.maxContainers - this.containers);
	}

}
