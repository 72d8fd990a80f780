package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The job handler, as in production: {@code java -jar dcf-job-handler-*-exec.jar} with
 * the {@code postgres} profile, Kafka through the suite's proxy, settings as arguments
 * and environment variables.
 */
final class Handler {

	static final String ADMIN_PASSWORD = "fault-suite-admin";

	final int port;

	private final JavaProcess process;

	Handler(Path logs, String kafkaThroughProxy, String registryUrl, PrivatePostgres postgres) {
		this.port = Ports.free();
		this.process = JavaProcess.jar("handler", logs.resolve("handler.log"), logs.resolve("handler"),
				Classpath.execJar("dcf-job-handler"), "384m");
		this.process.arguments(List.of("--spring.profiles.active=postgres", "--server.port=" + this.port,
				"--spring.kafka.bootstrap-servers=" + kafkaThroughProxy, "--dcf.schema-registry.url=" + registryUrl,
				"--dcf.handler.agent-timeout=" + FaultEnvironment.AGENT_TIMEOUT.toSeconds() + "s",
				"--spring.main.banner-mode=off"));
		this.process.env("DCF_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.env("DCF_DB_URL", postgres.jdbcUrl())
			.env("DCF_DB_USER", "postgres")
			.env("DCF_DB_PASSWORD", "unused-trust-auth");
	}

	void start() {
		this.process.start();
		Ports.awaitListening("handler", this.port, Duration.ofSeconds(180), this.process);
	}

	void kill() {
		this.process.kill();
	}

	void stop() {
		this.process.stop(20);
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

}
