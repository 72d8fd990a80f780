package dev.dcf.handler.e2e;

import java.util.Map;

/**
 * Settings a benchmark takes from an environment variable ({@code "name=value,..."}), so
 * one build can measure what a setting costs, e.g.
 * {@code BENCH_AGENT_PROPERTIES="dcf.agent.concurrent-instructions=1"}.
 */
final class BenchSettings {

	private BenchSettings() {
	}

	/** Puts the settings of {@code variable} into {@code settings} (theirs win). */
	static Map<String, String> fromEnv(String variable, Map<String, String> settings) {
		for (String setting : System.getenv().getOrDefault(variable, "").split(",")) {
			int equals = setting.indexOf('=');
			if (equals > 0) {
				settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
			}
		}
		return settings;
	}

}
