package dev.dcf.handler.liveness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentNotFoundException;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.job.AgentLostPolicy;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Declares agents LOST, and their DEPLOYING, RUNNING and STOPPING jobs with them (a
 * deploying or running job whose policy is {@code replace} starts a new run elsewhere at
 * once, see {@link Replacements}), only on evidence: while the handler can see heartbeats
 * ({@link HeartbeatSight}), an agent silent for longer than the agent timeout, counted
 * from its last heartbeat or from the end of the handler's last blind period, is LOST —
 * unless the mass-silence brake holds (see {@link SilenceVerdict}). Held agents' active
 * jobs get a timeline entry; an administrator may confirm a held agent's loss. A LOST job
 * gets no DELETE: when its agent returns, its heartbeat decides whether the run resumes
 * or its containers go.
 */
@Service
public class AgentLiveness {

	private static final Logger log = LoggerFactory.getLogger(AgentLiveness.class);

	private static final List<JobState> ACTIVE = List.of(JobState.DEPLOYING, JobState.RUNNING, JobState.STOPPING);

	private static final List<AgentState> WATCHED = List.of(AgentState.HEALTHY, AgentState.UNHEALTHY);

	private final AgentRepository agents;

	private final JobRepository jobs;

	private final Duration timeout;

	private final LivenessStatus status;

	private final Duration exclusiveReplacementAfter;

	private final Duration restartGrace;

	public AgentLiveness(AgentRepository agents, JobRepository jobs, LivenessProperties properties,
			LivenessStatus status) {
		this.agents = agents;
		this.jobs = jobs;
		this.timeout = properties.agentTimeout();
		this.exclusiveReplacementAfter = properties.exclusiveReplacementAfter();
		this.restartGrace = properties.stoppingAgentTimeout();
		this.status = status;
	}

	/** When the brake let each agent go: a fresh timeout counts from then. */
	private final Map<String, Instant> releasedAt = new ConcurrentHashMap<>();

	/**
	 * One round of the liveness check.
	 * @param blindness why the handler cannot see heartbeats now, empty if it can
	 * @param now the current time
	 * @return the ids of the agents declared lost now
	 */
	@Transactional
	public List<String> check(Optional<String> blindness, Instant now) {
		if (blindness.isPresent()) {
			this.status.blind(blindness.get(), now);
			return List.of();
		}
		Instant seeingSince = this.status.seeing(now);
		Instant cutoff = now.minus(this.timeout);
		// the quiet ones too (unheard for half the timeout): the brake counts them
		List<Agent> candidates = seeingSince.isBefore(cutoff)
				? this.agents.findSilentSince(now.minus(this.timeout.dividedBy(2))) : List.of();
		long watched = candidates.isEmpty() ? 0 : this.agents.countByStatusIn(WATCHED);
		SilenceVerdict verdict = SilenceVerdict.judge(candidates, watched, seeingSince, this.timeout, this.restartGrace,
				now);
		hold(verdict.held(), now);
		this.releasedAt.values().removeIf((released) -> released.isBefore(cutoff));
		List<String> lost = new ArrayList<>();
		for (Agent agent : verdict.lost()) {
			if (this.releasedAt.containsKey(agent.getId())) {
				// the brake let it go because others were heard again: agents frozen
				// together come back one after the other, so it gets the timeout afresh
				continue;
			}
			Instant last = agent.getLastHeartbeatAt();
			String limit = agent.getStatus() == AgentState.STOPPING
					? "it said it was stopping; restart grace " + this.restartGrace.toSeconds() + " s"
					: "timeout " + this.timeout.toSeconds() + " s";
			if (declareLost(agent,
					"agent " + agent.getId() + " stopped heartbeating (last heartbeat " + last + ", " + limit + ")",
					now)) {
				lost.add(agent.getId());
			}
		}
		replaceOverdueExclusiveRuns(now);
		return lost;
	}

	/**
	 * Exclusive jobs wait to be replaced until the old run's containers are known gone;
	 * after {@code exclusive-replacement-after} they are replaced anyway.
	 */
	private void replaceOverdueExclusiveRuns(Instant now) {
		Instant cutoff = now.minus(this.exclusiveReplacementAfter);
		for (Job job : this.jobs.findByStateAndOnAgentLostAndExclusiveTrue(JobState.LOST, AgentLostPolicy.REPLACE)) {
			if (job.isResumable() && job.getStateChangedAt().isBefore(cutoff)) {
				job.replace("agent " + job.getAgentId() + " has been LOST for longer than "
						+ this.exclusiveReplacementAfter.toSeconds() + " s", now);
				this.jobs.save(job);
			}
		}
	}

	/**
	 * An administrator confirms that a silent agent is gone (e.g. while the mass-silence
	 * brake holds it): it is LOST at once, and its active jobs with it.
	 * @param agentId the agent
	 * @param by who confirms
	 * @param now the current time
	 * @return {@code false} if it was LOST already
	 * @throws AgentNotFoundException if there is no such agent
	 * @throws NoLossToConfirmException if the agent is still heard
	 */
	@Transactional
	public boolean confirmLoss(String agentId, String by, Instant now) {
		Agent agent = this.agents.findById(agentId).orElseThrow(() -> new AgentNotFoundException(agentId));
		if (agent.getStatus() == AgentState.LOST) {
			return false;
		}
		if (!agent.isSilentSince(now.minus(this.timeout))) {
			throw new NoLossToConfirmException("Agent " + agentId + " was heard at " + agent.getLastHeartbeatAt()
					+ ", within the agent timeout of " + this.timeout.toSeconds() + " s: there is no loss to confirm");
		}
		return declareLost(agent, "loss of agent " + agentId + " confirmed by " + by + " (last heartbeat "
				+ agent.getLastHeartbeatAt() + ")", now);
	}

	private boolean declareLost(Agent agent, String reason, Instant now) {
		if (!agent.markLost(now)) {
			return false;
		}
		this.agents.save(agent);
		List<Job> active = this.jobs.findByAgentIdAndStateIn(agent.getId(), ACTIVE);
		log.warn("Agent {} is LOST: {}; {} active jobs lost with it", agent.getId(), reason, active.size());
		for (Job job : active) {
			boolean wasStopping = job.getState() == JobState.STOPPING;
			job.markLost(reason, now);
			if (!wasStopping) {
				Replacements.onLoss(job, agent.getId(), now);
			}
			this.jobs.save(job);
		}
		return true;
	}

	private void hold(List<Agent> held, Instant now) {
		List<String> ids = held.stream().map(Agent::getId).toList();
		LivenessStatus.Change change = this.status.hold(ids, now);
		if (!change.added().isEmpty()) {
			log.error("Mass silence: agents {} fell silent at once ({} held); not declaring them LOST. "
					+ "Look for a problem of the control plane (network, Kafka); confirm a loss by hand if it is real",
					change.added(), ids.size());
			note(change.added(), "agent %s fell silent together with " + (ids.size() - 1) + " other agent(s)"
					+ ": not declared LOST, a control-plane problem is likelier (an administrator can confirm the loss)",
					now);
		}
		if (!change.released().isEmpty()) {
			change.released().forEach((id) -> this.releasedAt.put(id, now));
			log.info("Agents {} are no longer held by the mass-silence brake", change.released());
			note(change.released(), "agent %s is no longer held by the mass-silence brake", now);
		}
	}

	private void note(Collection<String> agentIds, String format, Instant now) {
		for (String agentId : agentIds) {
			for (Job job : this.jobs.findByAgentIdAndStateIn(agentId, ACTIVE)) {
				job.note(String.format(format, agentId), now);
				this.jobs.save(job);
			}
		}
	}

}
