package dev.dcf.handler.web;

import java.util.List;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;

/**
 * An agent as the agents page shows it.
 *
 * @param agent the agent as last heard of
 * @param cpusReserved CPUs its active jobs asked for (limit × containers)
 * @param containers the containers it reported, with their job's name
 * @param held whether it is silent and the mass-silence brake holds it back from LOST
 */
public record AgentCard(Agent agent, double cpusReserved, List<ContainerLine> containers, boolean held) {

	public String statusColor() {
		return Badges.agentState(this.agent.getStatus());
	}

	public long memoryUsedBytes() {
		AgentCapacity capacity = this.agent.getCapacity();
		return Math.max(0, capacity.memoryTotalBytes() - capacity.memoryFreeBytes());
	}

	public int memoryPercent() {
		return percent(memoryUsedBytes(), this.agent.getCapacity().memoryTotalBytes());
	}

	public int containerPercent() {
		AgentCapacity capacity = this.agent.getCapacity();
		return percent(capacity.runningContainers(), capacity.maxContainers());
	}

	public int cpuPercent() {
		return percent(Math.round(this.cpusReserved * 1000), Math.round(this.agent.getCapacity().cpus() * 1000));
	}

	public long heartbeatAtMillis() {
		return this.agent.getLastHeartbeatAt().toEpochMilli();
	}

	private static int percent(long part, long whole) {
		return (whole <= 0) ? 0 : (int) Math.min(100, Math.max(0, part * 100 / whole));
	}

	/**
	 * One container on the agent.
	 *
	 * @param container as last reported
	 * @param jobName the name of its job, {@code null} if the job is gone
	 * @param shortId the first 12 characters of Docker's id
	 * @param color the Bootstrap colour of its state: grey when the state is not current
	 * @param note why the state may not hold any more, {@code null} if it does
	 */
	public record ContainerLine(JobContainer container, String jobName, String shortId, String color, String note) {

		/**
		 * @param container as last reported
		 * @param job its job, {@code null} if the job is gone
		 * @param agentLost whether the agent is LOST: then nobody knows what still runs
		 */
		static ContainerLine of(JobContainer container, Job job, boolean agentLost) {
			String id = container.getContainerId();
			String note = null;
			if (job != null && container.getRunNumber() < job.getRunNumber()) {
				note = "run " + container.getRunNumber() + ", replaced by run " + job.getRunNumber()
						+ ": removed when the agent is heard";
			}
			else if (agentLost) {
				note = "last reported before the agent was lost";
			}
			return new ContainerLine(container, (job != null) ? job.getName() : null,
					(id != null && id.length() > 12) ? id.substring(0, 12) : id,
					(note != null) ? "secondary" : Badges.containerState(container.getState()), note);
		}

	}

}
