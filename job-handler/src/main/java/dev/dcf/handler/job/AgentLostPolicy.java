package dev.dcf.handler.job;

import java.util.Locale;

/**
 * What happens to a job's run when its agent is declared LOST.
 */
public enum AgentLostPolicy {

	/**
	 * Start a new run on another agent at once (with {@code exclusive}, once the old
	 * run's containers are known to be gone or the agent has been LOST long enough). The
	 * old run's containers are removed when its agent returns.
	 */
	REPLACE,

	/** Stay LOST until the agent returns (then the run resumes) or a user acts. */
	WAIT;

	/**
	 * The policy named by a request field, case-insensitively.
	 * @param value {@code replace} or {@code wait}; {@code null} for the default
	 * @return the policy, or {@code null} if the value names none
	 */
	static AgentLostPolicy parse(String value) {
		if (value == null) {
			return REPLACE;
		}
		for (AgentLostPolicy policy : values()) {
			if (policy.name().equalsIgnoreCase(value.trim())) {
				return policy;
			}
		}
		return null;
	}

	/**
	 * The name the API and the GUI use.
	 * @return {@code replace} or {@code wait}
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
