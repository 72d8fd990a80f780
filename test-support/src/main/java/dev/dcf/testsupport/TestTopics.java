package dev.dcf.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.dcf.schemes.DcfTopics;

/**
 * Management topics and a consumer group of their own for one test's handler and agents,
 * so that tests sharing the broker never see each other's records.
 *
 * @param instructions job instructions
 * @param jobStatus job status
 * @param agentStatus agent status
 * @param group the handler's consumer group and Quartz scheduler name
 */
public record TestTopics(String instructions, String jobStatus, String agentStatus, String group) {

	/**
	 * @param name what the topics' names start with, to tell the test in the broker
	 * @return topics no other test uses
	 */
	public static TestTopics unique(String name) {
		String prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8) + ".";
		return new TestTopics(prefix + DcfTopics.JOB_INSTRUCTIONS, prefix + DcfTopics.JOB_STATUS,
				prefix + DcfTopics.AGENT_STATUS, prefix + "dcf-handler");
	}

	/**
	 * @return topics no other test uses, named {@code it-…}
	 */
	public static TestTopics unique() {
		return unique("it");
	}

	/**
	 * @return the dead-letter topic of the instructions
	 */
	public String deadLetters() {
		return DcfTopics.dlt(this.instructions);
	}

	/**
	 * The handler's settings for these topics on the shared authenticated broker and its
	 * registry ({@link SharedInfrastructure#authenticated()}), logged in as the handler.
	 * @return property name to value
	 */
	public Map<String, String> handlerProperties() {
		Map<String, String> properties = new LinkedHashMap<>(
				SharedInfrastructure.authenticated().applicationProperties(SharedInfrastructure.HANDLER));
		properties.put("dcf.topics.job-instructions", this.instructions);
		properties.put("dcf.topics.job-status", this.jobStatus);
		properties.put("dcf.topics.agent-status", this.agentStatus);
		properties.put("spring.kafka.consumer.group-id", this.group);
		// Quartz keeps its connection providers per scheduler name in a JVM-wide
		// registry:
		// handlers on different databases in one test JVM need names of their own
		properties.put("spring.quartz.scheduler-name", this.group);
		return properties;
	}

}
