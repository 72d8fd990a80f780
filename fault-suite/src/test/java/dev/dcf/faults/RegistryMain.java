package dev.dcf.faults;

import java.time.Duration;

import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;

/**
 * The schema registry JVM: {@code RegistryMain <port> <bootstrapServers>}. Its schemas
 * live in the broker's {@code _schemas} topic, so it survives broker restarts. It logs in
 * as the broker's own user ({@link SuiteLogins}).
 */
public final class RegistryMain {

	private RegistryMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
			.port(Integer.parseInt(args[0]))
			.bootstrapServers(args[1])
			.kafkaClientProperties(SuiteLogins.fromEnvironment().clientProperties(SuiteLogins.BROKER))
			.authorizeWrites(true)
			.timeout(Duration.ofSeconds(60))
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(registry::stop, "registry-stop"));
		registry.start();
		System.out.println("REGISTRY READY " + registry.url());
		Thread.currentThread().join();
	}

}
