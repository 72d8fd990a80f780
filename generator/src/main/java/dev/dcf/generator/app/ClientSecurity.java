package dev.dcf.generator.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kafka authentication settings from the environment, named the way many images read
 * client settings: the property upper-cased, dots as underscores, prefixed
 * {@code KAFKA_}. DCF sets them to the job run's own credentials when its broker
 * authenticates.
 */
final class ClientSecurity {

	static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";

	static final String MECHANISM = "KAFKA_SASL_MECHANISM";

	static final String JAAS = "KAFKA_SASL_JAAS_CONFIG";

	private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

	private ClientSecurity() {
	}

	/** The settings, empty when none is set; problems are added to {@code problems}. */
	static Map<String, String> fromEnvironment(Map<String, String> env, List<String> problems) {
		Map<String, String> settings = new LinkedHashMap<>();
		String protocol = trimmed(env.get(PROTOCOL));
		String mechanism = trimmed(env.get(MECHANISM));
		String jaas = trimmed(env.get(JAAS));
		if (protocol != null) {
			if (!PROTOCOLS.contains(protocol)) {
				problems
					.add(PROTOCOL + " must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, got '" + protocol + "'");
			}
			else if (protocol.startsWith("SASL_") && jaas == null) {
				problems.add(JAAS + " is required with " + PROTOCOL + "=" + protocol);
			}
			settings.put("security.protocol", protocol);
		}
		if (mechanism != null) {
			settings.put("sasl.mechanism", mechanism);
		}
		if (jaas != null) {
			settings.put("sasl.jaas.config", jaas);
		}
		return settings;
	}

	private static String trimmed(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
