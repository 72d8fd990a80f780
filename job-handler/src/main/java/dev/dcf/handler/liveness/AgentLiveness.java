package dev.dcf.handler.liveness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares agents LOST that have been silent for longer than the agent timeout, and their
 * DEPLOYING, RUNNING and STOPPING jobs with them (the DELETE those jobs get waits in
 * Kafka for the agent's return). For one timeout after the handler started nobody is
 * declared lost: the handler may have been down itself, and agents need a moment to be
 * heard again.
 */
@Service
public class AgentLiveness {

	private static final Logger log = LoggerFactory.getLogger(AgentLiveness.class);

	private static final List<JobState> ACTIVE = List.of(JobState.DEPLOYING, JobState.RUNNING, JobState.STOPPING);

	private final AgentRepository agents;

	private final JobRepository jobs;

	private final Duration timeout;

	private final Instant graceUntil;

	public AgentLiveness(AgentRepository agents, JobRepository jobs, LivenessProperties properties, Clock clock) {
		this.agents = agents;
		this.jobs = jobs;
		this.timeout = properties.agentTimeout();
		this.graceUntil = clock.instant().plus(this.timeout);
	}

	/**
	 * Declares the silent agents LOST.
	 * @param now the current time
	 * @return the ids of the agents declared lost now
	 */
	@Transactional
	public List<String> markSilentAgentsLost(Instant now) {
		if (now.isBefore(this.graceUntil)) {
			return List.of();
		}
		List<String> lost = new ArrayList<>();
		for (Agent agent : this.agents.findSilentSince(now.minus(this.timeout))) {
			Instant last = agent.getLastHeartbeatAt();
			if (!agent.markLost(now)) {
				continue;
			}
			this.agents.save(agent);
			lost.add(agent.getId());
			List<Job> active = this.jobs.findByAgentIdAndStateIn(agent.getId(), ACTIVE);
			log.warn("Agent {} is LOST: no heartbeat since {} (timeout {}); {} active jobs lost with it", agent.getId(),
					last, this.timeout, active.size());
			for (Job job : active) {
				job.markLost("agent " + agent.getId() + " stopped heartbeating (last heartbeat " + last + ", timeout "
						+ this.timeout.toSeconds() + " s)", now);
				this.jobs.save(job);
			}
		}
		return lost;
	}

}
