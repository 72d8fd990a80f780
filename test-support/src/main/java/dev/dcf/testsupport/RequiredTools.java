package dev.dcf.testsupport;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * The one rule for tests that need a tool of the machine: without the tool they are
 * skipped with the reason, unless {@code DCF_REQUIRE} names it, then they fail.
 * {@code DCF_REQUIRE} is a comma-separated list of {@link Tool} names
 * ({@code docker,browser,postgres,compose}) or {@code all}; {@code .ci/run} requires all,
 * so in CI a missing tool is a failure, never a skip.
 */
public final class RequiredTools {

	/** The environment variable listing the required tools. */
	public static final String VARIABLE = "DCF_REQUIRE";

	/**
	 * The older switch for Docker alone: {@code 1} or {@code true} requires Docker as
	 * {@code DCF_REQUIRE=docker} does; {@code .ci/run} sets it too, for tools that look
	 * for it.
	 */
	public static final String DOCKER_VARIABLE = "DCF_REQUIRE_DOCKER";

	private final Set<Tool> required;

	RequiredTools(Set<Tool> required) {
		this.required = required;
	}

	/**
	 * @return the tools the real environment requires
	 */
	public static RequiredTools fromEnvironment() {
		return from(System::getenv);
	}

	static RequiredTools from(UnaryOperator<String> environment) {
		Set<Tool> tools = parse(environment.apply(VARIABLE));
		String docker = environment.apply(DOCKER_VARIABLE);
		String value = (docker != null) ? docker.strip() : "";
		if (value.equals("1") || value.equalsIgnoreCase("true")) {
			tools.add(Tool.DOCKER);
		}
		else if (!value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false")) {
			// a typo must not turn a required Docker into a silent skip
			throw new IllegalArgumentException(DOCKER_VARIABLE + " must be 1, true, 0 or false, was '" + value + "'");
		}
		return new RequiredTools(tools);
	}

	/**
	 * @param value a comma-separated list of tool names or {@code all}; null or blank is
	 * none
	 * @return the tools named
	 * @throws IllegalArgumentException for a name that is no tool: a typo must not turn a
	 * required tool into a silent skip
	 */
	static Set<Tool> parse(String value) {
		Set<Tool> tools = EnumSet.noneOf(Tool.class);
		if (value == null || value.isBlank()) {
			return tools;
		}
		for (String name : value.split(",")) {
			String tool = name.strip().toUpperCase(Locale.ROOT);
			if (tool.isEmpty()) {
				continue;
			}
			if ("ALL".equals(tool)) {
				return EnumSet.allOf(Tool.class);
			}
			try {
				tools.add(Tool.valueOf(tool));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(VARIABLE + " names an unknown tool '" + name.strip()
						+ "'; known: docker, browser, postgres, compose, all", ex);
			}
		}
		return tools;
	}

	/**
	 * @param tool a tool
	 * @return whether tests needing it must fail without it
	 */
	public boolean requires(Tool tool) {
		return this.required.contains(tool);
	}

	/**
	 * What to do with tests whose tool is missing.
	 * @param tool the tool
	 * @param problem what is missing and how to install it
	 * @return disabled with the problem, when the tool is not required
	 * @throws IllegalStateException with the problem when it is
	 */
	public ConditionEvaluationResult missing(Tool tool, String problem) {
		String name = tool.name().toLowerCase(Locale.ROOT);
		if (requires(tool)) {
			throw new IllegalStateException(problem + " and " + VARIABLE + " requires " + name);
		}
		return ConditionEvaluationResult.disabled(problem + "; set " + VARIABLE + "=" + name + " to fail instead");
	}

	/**
	 * For a tool found by a test itself (not by a condition): nothing when it is there;
	 * otherwise the test fails if the tool is required, else it is aborted (reported as
	 * skipped) with the problem.
	 * @param tool the tool
	 * @param present whether it was found
	 * @param problem what is missing and how to install it
	 */
	public void assume(Tool tool, boolean present, String problem) {
		if (!present) {
			Assumptions.abort(missing(tool, problem).getReason().orElse(problem));
		}
	}

	/** A tool of the machine that some tests need. */
	public enum Tool {

		/**
		 * A Docker daemon answering on its socket (and {@code dockerd}, root, for daemon
		 * faults).
		 */
		DOCKER,

		/** Chromium and chromedriver. */
		BROWSER,

		/** A PostgreSQL server for the tests, and its binaries for private clusters. */
		POSTGRES,

		/** {@code docker-compose}, and the registry image for private-registry tests. */
		COMPOSE

	}

}
