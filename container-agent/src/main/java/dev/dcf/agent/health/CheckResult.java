package dev.dcf.agent.health;

import java.util.Objects;

/**
 * Outcome of one check.
 *
 * @param name the check's name
 * @param passed whether the agent may take work as far as this check is concerned
 * @param message what was seen, for humans
 */
public record CheckResult(String name, boolean passed, String message) {

	public CheckResult {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(message, "message");
	}

	public static CheckResult passed(String name, String message) {
		return new CheckResult(name, true, message);
	}

	public static CheckResult failed(String name, String message) {
		return new CheckResult(name, false, message);
	}

}
