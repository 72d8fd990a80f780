package dev.dcf.standalone.testkit;

import dev.dcf.standalone.embedded.EmbeddedKafka;
import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;

/**
 * One embedded Kafka broker and one embedded schema registry per test JVM, on random
 * ports, started on the first {@link #get()} and stopped when the JVM exits. Tests share
 * them: use unique topic names and consumer groups. Tests that stop or restart a broker
 * build their own {@link EmbeddedKafka} instead.
 */
public final class SharedInfrastructure {

	private static SharedInfrastructure instance;

	private static RuntimeException failure;

	private final EmbeddedKafka kafka;

	private final EmbeddedSchemaRegistry registry;

	private SharedInfrastructure(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
		this.kafka = kafka;
		this.registry = registry;
	}

	/**
	 * The shared broker and registry, started on first use.
	 * @throws IllegalStateException if they could not be started (also on later calls)
	 */
	public static synchronized SharedInfrastructure get() {
		if (failure != null) {
			throw new IllegalStateException("Shared test infrastructure failed to start earlier", failure);
		}
		if (instance == null) {
			EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build();
			EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
				.port(0)
				.bootstrapServers(kafka.bootstrapServers())
				.build();
			try {
				kafka.start();
				registry.start();
			}
			catch (RuntimeException ex) {
				registry.close();
				kafka.close();
				failure = ex;
				throw ex;
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				registry.close();
				kafka.close();
			}, "shared-infrastructure-shutdown"));
			instance = new SharedInfrastructure(kafka, registry);
		}
		return instance;
	}

	/** {@code localhost:PORT} of the shared broker. */
	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	/** {@code http://localhost:PORT} of the shared registry. */
	public String registryUrl() {
		return this.registry.url();
	}

}
