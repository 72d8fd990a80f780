package dev.dcf.agent.it;

import java.util.UUID;

import dev.dcf.schemes.DcfTopics;

/**
 * Management topics of one test, unique so that tests sharing the broker never see each
 * other's records.
 *
 * @param instructions job instructions
 * @param jobStatus job status
 * @param agentStatus agent status
 */
public record TestTopics(String instructions, String jobStatus, String agentStatus) {

	public static TestTopics unique() {
		String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
		return new TestTopics(prefix + DcfTopics.JOB_INSTRUCTIONS, prefix + DcfTopics.JOB_STATUS,
				prefix + DcfTopics.AGENT_STATUS);
	}

	public String deadLetters() {
		return DcfTopics.dlt(this.instructions);
	}

}
