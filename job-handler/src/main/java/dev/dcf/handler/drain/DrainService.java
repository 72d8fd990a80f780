package dev.dcf.handler.drain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.placement.PlacementService;
import dev.dcf.handler.placement.PlacementService.MoveOutcome;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks agents draining and moves the running jobs of those drained with {@code move},
 * one job at a time per agent: the next job moves only once the one moved before is no
 * longer DEPLOYING (it runs on its new agent, or failed there). A job that cannot move
 * stays, with the reason on its timeline and on the agents page. Which jobs stay is kept
 * in memory (each round finds it again); the mark itself is stored with the agent.
 * {@link #moveRound} runs on one thread (the drain loop).
 */
@Service
public class DrainService {

	private static final Logger log = LoggerFactory.getLogger(DrainService.class);

	private static final int ATTEMPTS = 3;

	private final AgentService agents;

	private final JobRepository jobs;

	private final PlacementService placement;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/** Per draining agent: the job moved last. */
	private final Map<String, String> lastMoved = new ConcurrentHashMap<>();

	/** Per draining agent: the jobs that stay, with the reason. */
	private final Map<String, Map<String, String>> staying = new ConcurrentHashMap<>();

	DrainService(AgentService agents, JobRepository jobs, PlacementService placement,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.agents = agents;
		this.jobs = jobs;
		this.placement = placement;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Marks an agent draining. Retried when a heartbeat updates the agent at the same
	 * moment (the agent's version).
	 * @param agentId the agent
	 * @param move whether its running jobs are moved elsewhere
	 * @param by who marks it (an administrator: the caller checks)
	 * @return the agent
	 * @throws dev.dcf.handler.agent.AgentNotFoundException if there is none
	 */
	public Agent drain(String agentId, boolean move, String by) {
		log.info("Agent {} marked draining by {} (move jobs: {})", agentId, by, move);
		return retried(() -> this.agents.drain(agentId, move, by, this.clock.instant()));
	}

	/**
	 * Lifts an agent's draining mark: placement may choose it again.
	 * @param agentId the agent
	 * @param by who lifts it (an administrator: the caller checks)
	 * @return the agent
	 * @throws dev.dcf.handler.agent.AgentNotFoundException if there is none
	 */
	public Agent undrain(String agentId, String by) {
		log.info("Agent {} no longer draining ({})", agentId, by);
		Agent agent = retried(() -> this.agents.undrain(agentId, by, this.clock.instant()));
		this.lastMoved.remove(agentId);
		this.staying.remove(agentId);
		return agent;
	}

	/**
	 * The jobs that stay on a draining agent because they cannot be moved, as the last
	 * round found them.
	 * @param agentId the agent
	 * @return job id to reason, by job id; empty if none (or not draining with move)
	 */
	public Map<String, String> staying(String agentId) {
		return Map.copyOf(this.staying.getOrDefault(agentId, Map.of()));
	}

	/**
	 * One round: for each agent drained with {@code move}, moves its next running job,
	 * unless the job moved before is still deploying.
	 * @param now the current time
	 * @return how many jobs moved
	 */
	int moveRound(Instant now) {
		List<Agent> draining = this.agents.drainingWithMove();
		this.staying.keySet().retainAll(draining.stream().map(Agent::getId).toList());
		int moved = 0;
		for (Agent agent : draining) {
			if (moveNext(agent.getId(), now)) {
				moved++;
			}
		}
		return moved;
	}

	private boolean moveNext(String agentId, Instant now) {
		String previous = this.lastMoved.get(agentId);
		if (previous != null && stillDeploying(previous)) {
			return false;
		}
		List<String> running = this.transactions
			.execute((status) -> this.jobs.findByAgentIdAndStateIn(agentId, List.of(JobState.RUNNING))
				.stream()
				.map(Job::getId)
				.sorted()
				.toList());
		Map<String, String> stays = new TreeMap<>();
		try {
			for (String jobId : (running != null) ? running : List.<String>of()) {
				MoveOutcome outcome = this.placement.moveOff(jobId, agentId, now);
				if (outcome == null) {
					continue;
				}
				if (outcome.moved()) {
					this.lastMoved.put(agentId, jobId);
					return true;
				}
				stays.put(jobId, outcome.stayReason());
			}
		}
		catch (OptimisticLockingFailureException ex) {
			log.debug("A job on draining agent {} changed while being moved; next round decides", agentId);
		}
		finally {
			this.staying.put(agentId, stays);
		}
		return false;
	}

	private boolean stillDeploying(String jobId) {
		return Boolean.TRUE.equals(this.transactions.execute((
				status) -> this.jobs.findById(jobId).map((job) -> job.getState() == JobState.DEPLOYING).orElse(false)));
	}

	private static Agent retried(Supplier<Agent> change) {
		for (int attempt = 1;; attempt++) {
			try {
				return change.get();
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
