package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The schema registry JVM ({@link RegistryMain}). */
final class Registry {

	final int port;

	private final JavaProcess process;

	Registry(Path logs, String bootstrapServers) {
		this.port = Ports.free();
		this.process = JavaProcess.main("registry", logs.resolve("registry.log"), logs.resolve("registry"),
				RegistryMain.class, "128m");
		this.process.arguments(List.of(Integer.toString(this.port), bootstrapServers));
		SuiteLogins.environment().forEach(this.process::env);
	}

	String url() {
		return "http://localhost:" + this.port;
	}

	void start() {
		this.process.start();
		Ports.awaitListening("registry", this.port, Duration.ofSeconds(90), this.process);
	}

	void stop() {
		this.process.stop(10);
	}

}
