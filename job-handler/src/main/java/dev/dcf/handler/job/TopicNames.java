package dev.dcf.handler.job;

import java.util.Collection;
import java.util.regex.Pattern;

import dev.dcf.schemes.DcfTopics;

/**
 * Kafka's rules for topic names, plus the topics DCF keeps for itself.
 */
final class TopicNames {

	/** Kafka's limit. */
	static final int MAX_LENGTH = 249;

	/** The schema registry's storage topic. */
	static final String SCHEMAS_TOPIC = "_schemas";

	private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

	private TopicNames() {
	}

	/**
	 * What is wrong with a topic name a job wants to write to.
	 * @param topic the name, may be {@code null}
	 * @param reserved further names jobs may not use
	 * @return a message for people, or {@code null} if the name is fine
	 */
	static String problem(String topic, Collection<String> reserved) {
		if (topic == null || topic.isEmpty()) {
			return "is required";
		}
		if (topic.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters";
		}
		if (!LEGAL.matcher(topic).matches()) {
			return "may contain only letters, digits, '.', '_' and '-'";
		}
		if (topic.equals(".") || topic.equals("..")) {
			return "must not be '.' or '..'";
		}
		if (topic.startsWith("__")) {
			return "must not start with '__' (Kafka's internal topics)";
		}
		if (DcfTopics.isManagementTopic(topic) || topic.equals(SCHEMAS_TOPIC) || isReserved(topic, reserved)) {
			return "is reserved for DCF itself";
		}
		return null;
	}

	private static boolean isReserved(String topic, Collection<String> reserved) {
		for (String name : reserved) {
			if (topic.equals(name) || topic.equals(name + DcfTopics.DLT_SUFFIX)) {
				return true;
			}
		}
		return false;
	}

}
