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

	/** Its log file's name without {@code .log}. */
	String name = "handler";

	private final JavaProcess process;

	Handler(Path logs, String kafkaThroughProxy, String registryUrl, PrivatePostgres postgres) {
		this.port = Ports.free();
		this.process = JavaProcess.jar("handler", logs.resolve("handler.log"), logs.resolve("handler"),
				Classpath.execJar("dcf-job-handler"), "384m");
		List<String> arguments = new java.util.ArrayList<>(List.of("--spring.profiles.active=postgres",
				"--server.port=" + this.port, "--spring.kafka.bootstrap-servers=" + kafkaThroughProxy,
				"--dcf.schema-registry.url=" + SuiteLogins.registryUrl(registryUrl, SuiteLogins.HANDLER),
				"--dcf.handler.agent-timeout=" + FaultEnvironment.AGENT_TIMEOUT.toSeconds() + "s",
				"--spring.main.banner-mode=off"));
		arguments.addAll(SuiteLogins.springArguments(SuiteLogins.HANDLER));
		this.process.arguments(arguments);
		this.process.env("DCF_ADMIN_PASSWORD", ADMIN_PASSWORD)
			.env("DCF_DB_URL", postgres.jdbcUrl())
			.env("DCF_DB_USER", "postgres")
			.env("DCF_DB_PASSWORD", "unused-trust-auth");
	}

	/**
	 * One of several handlers on one database: its own name (log file, work directory,
	 * consumer group instance id) and extra arguments after the usual ones.
	 */
	Handler(Path logs, String name, String kafka, String registryUrl, PrivatePostgres postgres,
			List<String> extraArguments) {
		this.name = name;
		this.port = Ports.free();
		this.process = JavaProcess.jar(name, logs.resolve(name + ".log"), logs.resolve(name),
				Classpath.execJar("dcf-job-handler"), "384m");
		List<String> arguments = new java.util.ArrayList<>(List.of("--spring.profiles.active=postgres",
				"--server.port=" + this.port, "--spring.kafka.bootstrap-servers=" + kafka,
				"--dcf.schema-registry.url=" + SuiteLogins.registryUrl(registryUrl, SuiteLogins.HANDLER),
				"--dcf.handler.agent-timeout=20s", "--dcf.handler.instance-id=" + name,
				"--spring.main.banner-mode=off"));
		arguments.addAll(SuiteLogins.springArguments(SuiteLogins.HANDLER));
		arguments.addAll(extraArguments);
		this.process.arguments(arguments);
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

	@Override
	public String toString() {
		return this.name;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

}
