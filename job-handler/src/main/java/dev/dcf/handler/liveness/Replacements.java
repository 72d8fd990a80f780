package dev.dcf.handler.liveness;

import java.time.Instant;

import dev.dcf.handler.job.AgentLostPolicy;
import dev.dcf.handler.job.Job;

/**
 * The loss policy of a job ({@link AgentLostPolicy}) applied when its agent is LOST.
 * Pure: the caller saves the job.
 */
final class Replacements {

	private Replacements() {
	}

	/**
	 * A deploying or running job has just become LOST with its agent: {@code wait} keeps
	 * it LOST (it resumes if the agent returns with its containers); {@code replace}
	 * starts a new run at once, unless the job is exclusive: then it waits until the old
	 * run's containers are known gone (the agent returns without them) or the agent has
	 * been LOST long enough. The timeline says which.
	 * @param job the job, LOST
	 * @param agentId its lost agent
	 * @param now the current time
	 */
	static void onLoss(Job job, String agentId, Instant now) {
		if (job.getOnAgentLost() != AgentLostPolicy.REPLACE) {
			job.note("waiting for agent " + agentId + " to return (policy: wait)", now);
			return;
		}
		if (job.isExclusive()) {
			job.note("exclusive: run " + job.getRunNumber() + " is replaced once its containers on agent " + agentId
					+ " are known gone, or after a while", now);
			return;
		}
		job.replace("agent " + agentId + " is LOST", now);
	}

}
