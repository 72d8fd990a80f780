package dev.dcf.handler.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What an agent's host offers, as last reported.
 *
 * @param cpus CPUs of the host
 * @param memoryTotalBytes total memory
 * @param memoryFreeBytes free memory
 * @param diskFreeBytes free disk, if the agent measures it
 * @param runningContainers containers of DCF running there
 * @param maxContainers most containers the agent accepts
 */
@Embeddable
public record AgentCapacity(@Column(name = "cpus", nullable = false) double cpus,
		@Column(name = "memory_total_bytes", nullable = false) long memoryTotalBytes,
		@Column(name = "memory_free_bytes", nullable = false) long memoryFreeBytes,
		@Column(name = "disk_free_bytes") Long diskFreeBytes,
		@Column(name = "running_containers", nullable = false) int runningContainers,
		@Column(name = "max_containers", nullable = false) int maxContainers) {

	/**
	 * How many more containers the agent accepts.
	 * @return zero or more
	 */
	public int freeContainerSlots() {
		return Math.max(0, this.maxContainers - this.runningContainers);
	}

}
