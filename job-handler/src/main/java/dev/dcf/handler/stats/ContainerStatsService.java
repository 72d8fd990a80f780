package dev.dcf.handler.stats;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.ContainerState;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The newest resource sample of every running container, in memory: live data, not
 * history. Each applied heartbeat replaces its agent's samples (a container it no longer
 * lists as running has none); an agent declared LOST loses them all. Every change is
 * announced as a {@link StatsReported}. Thread-safe.
 */
@Service
public class ContainerStatsService {

	private static final Comparator<ContainerSample> ORDER = Comparator.comparing(ContainerSample::jobId)
		.thenComparingInt(ContainerSample::index)
		.thenComparing(ContainerSample::agentId);

	private final Map<String, List<ContainerSample>> byAgent = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	public ContainerStatsService(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * Replaces the agent's samples with those of its heartbeat (applied ones only: a
	 * stale heartbeat must not bring back old samples).
	 * @param heartbeat an applied heartbeat
	 */
	public void record(AgentHeartbeat heartbeat) {
		List<ContainerSample> samples = heartbeat.containers()
			.stream()
			.filter((container) -> container.state() == ContainerState.RUNNING && container.stats() != null)
			.filter((container) -> container.jobId() != null && !container.jobId().isBlank())
			.map((container) -> new ContainerSample(heartbeat.agentId(), container.jobId(), container.runNumber(),
					container.index(), container.containerId(), container.name(), container.stats()))
			.sorted(ORDER)
			.toList();
		List<ContainerSample> before = samples.isEmpty() ? this.byAgent.remove(heartbeat.agentId())
				: this.byAgent.put(heartbeat.agentId(), samples);
		announce(heartbeat.agentId(), before, samples);
	}

	/** A LOST agent's samples say nothing about now. */
	@EventListener
	void agentChanged(AgentChanged changed) {
		if (changed.status() == AgentState.LOST) {
			announce(changed.agentId(), this.byAgent.remove(changed.agentId()), List.of());
		}
	}

	/**
	 * @param jobId a job
	 * @return the samples of its running containers, by index
	 */
	public List<ContainerSample> forJob(String jobId) {
		return this.byAgent.values()
			.stream()
			.flatMap(List::stream)
			.filter((sample) -> sample.jobId().equals(jobId))
			.sorted(ORDER)
			.toList();
	}

	/**
	 * @param agentId an agent
	 * @return the samples of the containers it runs, by job and index
	 */
	public List<ContainerSample> forAgent(String agentId) {
		return this.byAgent.getOrDefault(agentId, List.of());
	}

	/**
	 * @return every sample, by job and index
	 */
	public List<ContainerSample> all() {
		return this.byAgent.values().stream().flatMap(List::stream).sorted(ORDER).toList();
	}

	private void announce(String agentId, List<ContainerSample> before, List<ContainerSample> now) {
		if ((before == null || before.isEmpty()) && now.isEmpty()) {
			return;
		}
		Set<String> jobs = new HashSet<>();
		if (before != null) {
			before.forEach((sample) -> jobs.add(sample.jobId()));
		}
		now.forEach((sample) -> jobs.add(sample.jobId()));
		this.events.publishEvent(new StatsReported(agentId, jobs));
	}

}
