package dev.dcf.handler.e2e;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.agent.testing.TestAgent;

/**
 * Real container agents ({@link TestAgent}, from the agent's test jar) beside the handler
 * in its test JVM, on the shared authenticated broker (as its super user, as in the
 * standalone) and registry and the real Docker daemon, with a one-second heartbeat.
 *
 * <p>
 * The handler's classes and {@code application.yaml} are on the same class path, so the
 * agent reads no configuration file at all ({@code spring.config.name} points nowhere):
 * every setting it needs is passed here, and the handler's database, schedules and
 * security auto-configuration are excluded.
 */
final class Agents {

	private static final String EXCLUDED = String.join(",",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration");

	private Agents() {
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
		settings.put("spring.autoconfigure.exclude", EXCLUDED);
		settings.putAll(SharedInfrastructure.authenticated().applicationProperties(SharedInfrastructure.AGENT));
		settings.putAll(TestAgent.topicsAndTimers(topics));
		settings.put("dcf.agent.id", id);
		settings.put("dcf.agent.id-file", Path.of("target", "agents", id).toAbsolutePath().toString());
		settings.put("logging.level.org.apache.kafka", "warn");
		labels.forEach((key, value) -> settings.put("dcf.agent.labels." + key, value));
		settings.putAll(more);
		return TestAgent.start(settings);
	}

}
