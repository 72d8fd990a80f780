package dev.dcf.handler.agent;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the agent registry: applies heartbeats (from the status listener) and answers
 * queries (API, GUI, placement). Declaring silent agents LOST is the liveness feature's
 * job, through {@link Agent#markLost} and {@link AgentRepository#findSilentSince}.
 */
@Service
@Transactional
public class AgentService {

	private final AgentRepository agents;

	public AgentService(AgentRepository agents) {
		this.agents = agents;
	}

	/**
	 * Applies a heartbeat: registers an unknown agent, updates a known one, ignores a
	 * stale report (sequence not newer than the last applied). Idempotent for redelivered
	 * heartbeats.
	 * @param report the heartbeat
	 * @param receivedAt when the handler received it (the handler's clock)
	 * @return what happened
	 */
	public HeartbeatResult recordHeartbeat(AgentHeartbeat report, Instant receivedAt) {
		Optional<Agent> known = this.agents.findById(report.agentId());
		if (known.isEmpty()) {
			Agent agent = this.agents.save(new Agent(report, receivedAt));
			return new HeartbeatResult(true, null, agent.getStatus());
		}
		Agent agent = known.get();
		AgentState previous = agent.getStatus();
		if (!agent.apply(report, receivedAt)) {
			return new HeartbeatResult(false, previous, previous);
		}
		this.agents.save(agent);
		return new HeartbeatResult(true, previous, agent.getStatus());
	}

	/**
	 * The statuses of some agents.
	 * @param ids agent ids
	 * @return the status of each known one (unknown ids are absent)
	 */
	@Transactional(readOnly = true)
	public Map<String, AgentState> statuses(Collection<String> ids) {
		Map<String, AgentState> statuses = new HashMap<>();
		this.agents.findAllById(ids).forEach((agent) -> statuses.put(agent.getId(), agent.getStatus()));
		return statuses;
	}

	/**
	 * All agents, by id.
	 * @return the agents
	 */
	@Transactional(readOnly = true)
	public List<Agent> list() {
		return this.agents.findAllByOrderByIdAsc();
	}

	/**
	 * Marks an agent draining (see {@link Agent#drain}).
	 * @param id the agent id
	 * @param move whether its running jobs are moved elsewhere
	 * @param by who marks it
	 * @param now the current time
	 * @return the agent
	 * @throws AgentNotFoundException if there is none
	 */
	public Agent drain(String id, boolean move, String by, Instant now) {
		Agent agent = get(id);
		if (agent.drain(move, by, now)) {
			agent = this.agents.save(agent);
		}
		return agent;
	}

	/**
	 * Lifts an agent's draining mark (see {@link Agent#undrain}).
	 * @param id the agent id
	 * @param by who lifts it
	 * @param now the current time
	 * @return the agent
	 * @throws AgentNotFoundException if there is none
	 */
	public Agent undrain(String id, String by, Instant now) {
		Agent agent = get(id);
		if (agent.undrain(by, now)) {
			agent = this.agents.save(agent);
		}
		return agent;
	}

	/**
	 * The agents whose running jobs are to be moved elsewhere.
	 * @return draining agents with {@code move}, by id
	 */
	@Transactional(readOnly = true)
	public List<Agent> drainingWithMove() {
		return this.agents.findByDrainingTrueAndDrainMoveTrueOrderByIdAsc();
	}

	/**
	 * One agent.
	 * @param id the agent id
	 * @return the agent
	 * @throws AgentNotFoundException if there is none
	 */
	@Transactional(readOnly = true)
	public Agent get(String id) {
		return this.agents.findById(id).orElseThrow(() -> new AgentNotFoundException(id));
	}

}
