package dev.dcf.agent.health;

import java.time.Duration;

/**
 * One thing the agent must have to take new work. Implementations are beans; the
 * {@link HealthMonitor} runs them all, each bounded in time, so a check may block but
 * should answer within a second or two.
 */
public interface HealthCheck {

	/**
	 * Short stable name, shown to users and in reasons ({@code docker}, {@code disk}).
	 */
	String name();

	/**
	 * Checks now. Throwing counts as failed with the exception's message.
	 * @return the outcome
	 */
	CheckResult check();

	/**
	 * Message of this check when it did not answer within {@code bound}.
	 */
	default String noAnswer(Duration bound) {
		return "no answer within " + bound.toMillis() + " ms";
	}

}
