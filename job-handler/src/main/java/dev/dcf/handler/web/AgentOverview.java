package dev.dcf.handler.web;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.liveness.LivenessStatus;

/**
 * Reads what the agents page shows: the agents, the containers they reported (those not
 * yet removed) and the CPUs their active jobs reserve. Read-only queries that combine the
 * agent and job features, so they live here rather than in either.
 */
@Component
class AgentOverview {

	private static final EnumSet<JobState> ACTIVE = EnumSet.of(JobState.DEPLOYING, JobState.RUNNING, JobState.STOPPING);

	private final AgentService agents;

	private final JobRepository jobs;

	private final JobContainerRepository containers;

	private final LivenessStatus liveness;

	AgentOverview(AgentService agents, JobRepository jobs, JobContainerRepository containers, LivenessStatus liveness) {
		this.agents = agents;
		this.jobs = jobs;
		this.containers = containers;
		this.liveness = liveness;
	}

	@Transactional(readOnly = true)
	List<AgentCard> cards() {
		Set<String> held = Set.copyOf(this.liveness.snapshot().held());
		return this.agents.list().stream().map((agent) -> card(agent, held.contains(agent.getId()))).toList();
	}

	private AgentCard card(Agent agent, boolean held) {
		List<Job> active = this.jobs.findByAgentIdAndStateIn(agent.getId(), ACTIVE);
		double reserved = active.stream().mapToDouble((job) -> job.getCpuLimit() * job.getContainers()).sum();
		List<JobContainer> reported = this.containers.findByAgentIdOrderByJobIdAscIndexAsc(agent.getId())
			.stream()
			.filter((container) -> container.getState() != ContainerState.REMOVED)
			.toList();
		Map<String, Job> owners = owners(reported.stream().map(JobContainer::getJobId).distinct().toList());
		List<AgentCard.ContainerLine> lines = reported.stream()
			.map((container) -> AgentCard.ContainerLine.of(container, owners.get(container.getJobId()),
					agent.getStatus() == AgentState.LOST))
			.toList();
		return new AgentCard(agent, reserved, lines, held);
	}

	private Map<String, Job> owners(Collection<String> jobIds) {
		return this.jobs.findAllById(jobIds)
			.stream()
			.collect(Collectors.toMap(Job::getId, Function.identity(), (a, b) -> a));
	}

}
