package dev.dcf.generator;

import java.util.List;

/**
 * The generator's environment is incomplete or invalid; the message lists every problem.
 */
class InvalidConfigException extends RuntimeException {

	private final List<String> problems;

	InvalidConfigException(List<String> problems) {
		super("invalid configuration:\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
