package dev.dcf.schemes;

import java.util.List;

/**
 * Default names and sizes of DCF's Kafka topics, in one place (docs/wire-contract.md).
 * The applications make the names configurable; these are the defaults they start from.
 */
public final class DcfTopics {

	/** Handler to agents, key = target agent id, value {@code JobInstruction}. */
	public static final String JOB_INSTRUCTIONS = "dcf.job-instructions";

	/** Agents to handler, key = job id, value {@code JobStatus}. */
	public static final String JOB_STATUS = "dcf.job-status";

	/** Agents to handler, key = agent id, value {@code AgentStatus}. */
	public static final String AGENT_STATUS = "dcf.agent-status";

	/**
	 * Agents to handler, key = job id, value {@code ContainerLogLines}: live output of
	 * followed containers.
	 */
	public static final String CONTAINER_LOGS = "dcf.container-logs";

	/**
	 * Retention of {@link #CONTAINER_LOGS} (one hour): its lines are for whoever watches
	 * now; kept output travels with the exit report instead.
	 */
	public static final String CONTAINER_LOGS_RETENTION_MS = "3600000";

	/** Partitions of each management topic. */
	public static final int DEFAULT_PARTITIONS = 6;

	/** Suffix of a dead-letter topic. */
	public static final String DLT_SUFFIX = ".DLT";

	/** Partitions of a dead-letter topic. */
	public static final int DLT_PARTITIONS = 1;

	/** The management topics (default names). */
	public static final List<String> MANAGEMENT_TOPICS = List.of(JOB_INSTRUCTIONS, JOB_STATUS, AGENT_STATUS,
			CONTAINER_LOGS);

	private DcfTopics() {
	}

	/**
	 * The dead-letter topic of {@code topic}: records of {@code topic} that cannot be
	 * decoded go there as raw bytes.
	 * @param topic the source topic
	 * @return {@code topic + ".DLT"}
	 */
	public static String dlt(String topic) {
		if (topic == null || topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
		return topic + DLT_SUFFIX;
	}

	/**
	 * Whether {@code topic} is one of the management topics (default names) or the
	 * dead-letter topic of one. User jobs must not write to these.
	 * @param topic a topic name, may be {@code null}
	 * @return {@code true} for the management topics and their DLTs
	 */
	public static boolean isManagementTopic(String topic) {
		if (topic == null) {
			return false;
		}
		String source = topic.endsWith(DLT_SUFFIX) ? topic.substring(0, topic.length() - DLT_SUFFIX.length()) : topic;
		return MANAGEMENT_TOPICS.contains(source);
	}

}
