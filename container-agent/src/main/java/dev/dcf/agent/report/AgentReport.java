package dev.dcf.agent.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.health.CheckResult;

/**
 * The agent's heartbeat.
 *
 * @param health overall state
 * @param checks every check result
 * @param capacity what the host has and uses
 * @param labels placement labels
 * @param hostname host
 * @param version agent version
 * @param dockerVersion engine version, null if the daemon is not reachable (while it
 * hangs, the last one seen)
 * @param heartbeatInterval how often the agent reports
 * @param containers every container the agent manages
 * @param timestamp when observed
 * @param sequence the agent's report sequence, drawn before the observation began: a job
 * report with a lower sequence was sent before the containers were listed, so the handler
 * may expect its containers in this list
 */
public record AgentReport(Health health, List<CheckResult> checks, Capacity capacity, Map<String, String> labels,
		String hostname, String version, String dockerVersion, Duration heartbeatInterval,
		List<ContainerReport> containers, Instant timestamp, long sequence) {

	public AgentReport {
		checks = List.copyOf(checks);
		labels = Map.copyOf(labels);
		containers = List.copyOf(containers);
	}

	/** The copy sent when the agent shuts down: same facts, health STOPPING. */
	public AgentReport stopping(Instant now) {
		return new AgentReport(Health.STOPPING, this.checks, this.capacity, this.labels, this.hostname, this.version,
				this.dockerVersion, this.heartbeatInterval, this.containers, now, this.sequence);
	}

	public enum Health {

		HEALTHY, UNHEALTHY, STOPPING

	}

	/**
	 * @param cpus CPUs of the Docker host
	 * @param memoryTotalBytes its memory
	 * @param memoryFreeBytes memory available now
	 * @param diskFreeBytes usable disk, null if unknown
	 * @param runningContainers managed containers that have not exited
	 * @param maxContainers limit
	 */
	public record Capacity(double cpus, long memoryTotalBytes, long memoryFreeBytes, Long diskFreeBytes,
			int runningContainers, int maxContainers) {

	}

}
