package dev.dcf.generator.app;

import java.util.List;

/**
 * The environment does not describe a generator that can run: every problem found, one
 * per line. The application prints them and exits with 2.
 */
final class InvalidConfigException extends RuntimeException {

	private final List<String> problems;

	InvalidConfigException(List<String> problems) {
		super("invalid configuration:\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
