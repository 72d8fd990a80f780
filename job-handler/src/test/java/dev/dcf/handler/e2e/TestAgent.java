package dev.dcf.handler.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dcf.agent.ContainerAgentApplication;
import dev.dcf.agent.SharedJvmLogging;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real container agent as a second Spring Boot application in the test JVM, on the
 * shared authenticated broker (as its super user, as in the standalone) and registry and
 * the real Docker daemon, with a one-second heartbeat.
 *
 * <p>
 * The handler's classes and {@code application.yaml} are on the same class path, so the
 * agent reads no configuration file at all ({@code spring.config.name} points nowhere):
 * every setting it needs is passed here, and the handler's database, schedules and
 * security auto-configuration are excluded.
 */
final class TestAgent implements AutoCloseable {

	private static final String EXCLUDED = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");

	private final String id;

	private final Map<String, String> settings;

	private ConfigurableApplicationContext context;

	private TestAgent(String id, Map<String, String> settings) {
		this.id = id;
		this.settings = settings;
	}

	/**
	 * Starts an agent with a fresh id.
	 * @param name part of its id, for the logs
	 * @param topics the management topics it shares with the handler
	 * @param labels its placement labels
	 * @return the running agent
	 */
	static TestAgent start(String name, TestTopics topics, Map<String, String> labels) {
		return start(name, topics, labels, Map.of());
	}

	/**
	 * Starts an agent with a fresh id and more settings.
	 * @param name part of its id, for the logs
	 * @param topics the management topics it shares with the handler
	 * @param labels its placement labels
	 * @param more settings that win over the ones here (e.g. the heartbeat interval)
	 * @return the running agent
	 */
	static TestAgent start(String name, TestTopics topics, Map<String, String> labels, Map<String, String> more) {
		String id = "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.config.name", "dcf-agent-it-no-such-file");
		settings.put("spring.main.web-application-type", "none");
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.autoconfigure.exclude", EXCLUDED);
		settings.putAll(SharedInfrastructure.authenticated().applicationProperties(SharedInfrastructure.AGENT));
		settings.put("dcf.topics.job-instructions", topics.instructions());
		settings.put("dcf.topics.job-status", topics.jobStatus());
		settings.put("dcf.topics.agent-status", topics.agentStatus());
		settings.put("dcf.agent.id", id);
		settings.put("dcf.agent.id-file", Path.of("target", "agents", id).toAbsolutePath().toString());
		settings.put("dcf.agent.heartbeat-interval", "1s");
		settings.put("dcf.agent.stop-timeout", "3s");
		settings.put("logging.level.org.apache.kafka", "warn");
		labels.forEach((key, value) -> settings.put("dcf.agent.labels." + key, value));
		settings.putAll(more);
		TestAgent agent = new TestAgent(id, settings);
		agent.start();
		return agent;
	}

	/** Starts it (again, with the same id and settings). */
	void start() {
		List<String> args = new ArrayList<>();
		this.settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ContainerAgentApplication.class);
		// agents of the hollow fleet start in parallel in this JVM
		SharedJvmLogging.takeTurns(builder.application());
		this.context = builder.run(args.toArray(String[]::new));
	}

	String id() {
		return this.id;
	}

	/** One of the agent's beans, e.g. its container runtime. */
	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	boolean isRunning() {
		return this.context != null && this.context.isActive();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
