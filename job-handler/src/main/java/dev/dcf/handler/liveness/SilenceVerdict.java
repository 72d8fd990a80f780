package dev.dcf.handler.liveness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentState;

/**
 * Which silent agents are LOST, from the evidence the handler has. Pure: time passed in.
 *
 * <ul>
 * <li>An agent is silent when no heartbeat reached the handler for longer than the
 * timeout, counted from its last heartbeat or from the moment the handler could see
 * heartbeats again ({@code seeingSince}), whichever is later: after a blind period
 * (handler start, Kafka or database back, a rebalance) every agent has a fresh
 * grace.</li>
 * <li><b>Mass-silence brake</b>: when an agent is silent while at least
 * {@value #BRAKE_MIN_AGENTS} agents, and more than half of the agents that are neither
 * LOST nor STOPPING, are <em>quiet</em> (unheard for half the timeout or longer), the
 * likelier cause is the control plane (network, Kafka), not that many hosts died
 * together: none of them is declared LOST; the silent ones are held until they are heard
 * again or an administrator confirms the loss. Counting the quiet ones, not only the
 * silent, matters: agents frozen at the same moment last heartbeated up to one interval
 * apart, so they cross the timeout in different rounds. Agents that said they are
 * STOPPING are expected to fall silent and never engage the brake; they are LOST only
 * after the longer restart grace (a clean shutdown leaves their containers running, and
 * the agent is usually back).</li>
 * </ul>
 *
 * @param lost agents to declare LOST now
 * @param held silent agents the brake holds back
 */
record SilenceVerdict(List<Agent> lost, List<Agent> held) {

	/** Fewest quiet agents that can engage the brake. */
	static final int BRAKE_MIN_AGENTS = 2;

	/**
	 * Judges the quiet agents.
	 * @param candidates agents that may be quiet (at least every agent unheard for half
	 * the timeout; LOST ones are skipped)
	 * @param watched how many agents are neither LOST nor STOPPING
	 * @param seeingSince since when the handler sees heartbeats without interruption
	 * @param timeout the agent timeout
	 * @param restartGrace how long an agent that said it is STOPPING may be silent
	 * @param now the current time
	 * @return the verdict
	 */
	static SilenceVerdict judge(List<Agent> candidates, long watched, Instant seeingSince, Duration timeout,
			Duration restartGrace, Instant now) {
		Instant cutoff = now.minus(timeout);
		Instant stoppingCutoff = now.minus(restartGrace);
		Instant quietCutoff = now.minus(timeout.dividedBy(2));
		List<Agent> lost = new ArrayList<>();
		List<Agent> silent = new ArrayList<>();
		int quiet = 0;
		for (Agent agent : candidates) {
			if (agent.getStatus() == AgentState.LOST || !isSilent(agent, seeingSince, quietCutoff)) {
				continue;
			}
			if (agent.getStatus() == AgentState.STOPPING) {
				if (isSilent(agent, seeingSince, stoppingCutoff)) {
					lost.add(agent);
				}
				continue;
			}
			boolean pastTimeout = isSilent(agent, seeingSince, cutoff);
			quiet++;
			if (pastTimeout) {
				silent.add(agent);
			}
		}
		if (!silent.isEmpty() && quiet >= BRAKE_MIN_AGENTS && quiet * 2L > watched) {
			return new SilenceVerdict(lost, silent);
		}
		lost.addAll(silent);
		return new SilenceVerdict(lost, List.of());
	}

	/**
	 * Whether no heartbeat came since {@code cutoff}, counting a blind period's end as a
	 * heartbeat of everyone.
	 */
	static boolean isSilent(Agent agent, Instant seeingSince, Instant cutoff) {
		Instant last = agent.getLastHeartbeatAt().isAfter(seeingSince) ? agent.getLastHeartbeatAt() : seeingSince;
		return last.isBefore(cutoff);
	}

	boolean brakeEngaged() {
		return !this.held.isEmpty();
	}

}
