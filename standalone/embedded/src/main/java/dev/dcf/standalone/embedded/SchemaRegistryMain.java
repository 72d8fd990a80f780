package dev.dcf.standalone.embedded;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@link EmbeddedSchemaRegistry} as a process of its own, configured like Confluent's
 * {@code cp-schema-registry} image: the {@code dcf/schema-registry} image of the compose
 * stack ({@code scripts/build-app-images.sh}). It reads
 * <ul>
 * <li>{@code SCHEMA_REGISTRY_LISTENERS}: {@code http://host:port}, the first one is
 * served ({@code http://0.0.0.0:8081} by default);</li>
 * <li>{@code SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS}: Kafka, with or without
 * {@code PLAINTEXT://} (required);</li>
 * <li>{@code SCHEMA_REGISTRY_KAFKASTORE_TOPIC} ({@code _schemas});</li>
 * <li>{@code SCHEMA_REGISTRY_KAFKASTORE_TIMEOUT_MS} (30 s here, as Kafka may still be
 * starting);</li>
 * <li>{@code SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL},
 * {@code SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM},
 * {@code SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG}: its Kafka client's authentication
 * (none when unset);</li>
 * <li>{@code DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES}: {@code true} to take writes only from
 * Kafka's users, each within its rights (docs/security.md); {@code false} by default. Not
 * one of Confluent's: its community registry has no such check.</li>
 * </ul>
 * Other {@code SCHEMA_REGISTRY_*} variables (e.g. {@code HOST_NAME}, for Confluent's
 * leader election) have nothing to configure here. Runs until SIGTERM.
 */
public final class SchemaRegistryMain {

	/** Confluent's variables of the Kafka store's client settings, and the settings. */
	private static final Map<String, String> CLIENT_SETTINGS = Map.of("SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL",
			"security.protocol", "SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM", "sasl.mechanism",
			"SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG", "sasl.jaas.config");

	private SchemaRegistryMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedSchemaRegistry registry = fromEnvironment(System.getenv()).build();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			registry.close();
			stopped.countDown();
		}, "schema-registry-shutdown"));
		registry.start();
		stopped.await();
	}

	/** The registry the Confluent variables describe. */
	static EmbeddedSchemaRegistry.Builder fromEnvironment(Map<String, String> env) {
		String bootstrap = env.get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
		if (bootstrap == null || bootstrap.isBlank()) {
			throw new IllegalArgumentException("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS is required");
		}
		// Confluent accepts listener URLs (PLAINTEXT://kafka:9092); Kafka clients want
		// host:port
		String servers = Arrays.stream(bootstrap.split(","))
			.map(String::trim)
			.map((server) -> server.replaceFirst("^[A-Za-z_]+://", ""))
			.collect(Collectors.joining(","));
		URI listener = URI
			.create(env.getOrDefault("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081").split(",")[0].trim());
		if (!"http".equals(listener.getScheme()) || listener.getHost() == null) {
			throw new IllegalArgumentException(
					"SCHEMA_REGISTRY_LISTENERS must start with http://host:port, was " + listener);
		}
		Map<String, String> client = new LinkedHashMap<>();
		CLIENT_SETTINGS.forEach((variable, property) -> {
			String value = env.get(variable);
			if (value != null && !value.isBlank()) {
				client.put(property, value);
			}
		});
		return EmbeddedSchemaRegistry.builder()
			.authorizeWrites(flag(env, "DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES"))
			.bootstrapServers(servers)
			.kafkaClientProperties(client)
			.host(listener.getHost())
			.port((listener.getPort() < 0) ? EmbeddedSchemaRegistry.DEFAULT_PORT : listener.getPort())
			.topic(env.getOrDefault("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", EmbeddedSchemaRegistry.DEFAULT_TOPIC))
			.timeout(Duration
				.ofMillis(Long.parseLong(env.getOrDefault("SCHEMA_REGISTRY_KAFKASTORE_TIMEOUT_MS", "30000"))));
	}

	private static boolean flag(Map<String, String> env, String variable) {
		String value = env.getOrDefault(variable, "").strip();
		if (value.isEmpty() || value.equalsIgnoreCase("false")) {
			return false;
		}
		if (value.equalsIgnoreCase("true")) {
			return true;
		}
		throw new IllegalArgumentException(variable + " must be true or false, was " + value);
	}

}
