package dev.dcf.handler.job;

import java.util.Locale;

/**
 * What DCF does with a job's topic besides creating it when it is missing (docs/usage.md,
 * "The job's topic").
 */
public enum TopicCleanup {

	/** Leave the topic and its records alone. */
	KEEP,

	/**
	 * Delete the topic when the job is deleted, unless another job names the same topic.
	 */
	DELETE_WITH_JOB,

	/**
	 * Delete the topic's records before each fresh start (not before a replacement run,
	 * which continues the same start).
	 */
	TRUNCATE_BEFORE_RUN;

	/**
	 * The policy named by a request field, case-insensitively; {@code _} and {@code -}
	 * count the same.
	 * @param value e.g. {@code delete-with-job}; {@code null} for the default
	 * @return the policy, or {@code null} if the value names none
	 */
	static TopicCleanup parse(String value) {
		if (value == null) {
			return KEEP;
		}
		String name = value.trim().replace('-', '_');
		for (TopicCleanup policy : values()) {
			if (policy.name().equalsIgnoreCase(name)) {
				return policy;
			}
		}
		return null;
	}

	/**
	 * The name the API and the GUI use.
	 * @return {@code keep}, {@code delete-with-job} or {@code truncate-before-run}
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
