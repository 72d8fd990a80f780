package dev.dcf.agent.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.ContainerAgentApplication;
import dev.dcf.agent.SharedJvmLogging;
import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestTopics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real container agent as a Spring Boot application in the test JVM, on the real Docker
 * daemon: for the agent's own integration tests, and for the handler's end-to-end tests,
 * which take it from this module's test jar (the shared test kit cannot hold it: the
 * agent's tests depend on the kit). Settings are passed as command-line arguments, so
 * they win over any {@code application.yaml}; it can be stopped and started again with
 * the same settings (a restart of the same agent).
 */
public final class TestAgent implements AutoCloseable {

	private final Map<String, String> settings;

	private ConfigurableApplicationContext context;

	private TestAgent(Map<String, String> settings) {
		this.settings = Map.copyOf(settings);
	}

	/**
	 * Starts an agent on the shared embedded broker and registry (no login), with a
	 * one-second heartbeat.
	 * @param topics its topics
	 * @param settings more {@code key -> value} settings that win (e.g.
	 * {@code dcf.agent.id})
	 */
	public static TestAgent start(TestTopics topics, Map<String, String> settings) {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		Map<String, String> all = new LinkedHashMap<>();
		all.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
		all.put("dcf.schema-registry.url", infrastructure.registryUrl());
		all.putAll(topicsAndTimers(topics));
		all.putAll(settings);
		return start(all);
	}

	/**
	 * Starts an agent with exactly these settings.
	 * @param settings everything it needs beyond its {@code application.yaml}
	 */
	public static TestAgent start(Map<String, String> settings) {
		TestAgent agent = new TestAgent(settings);
		agent.start();
		return agent;
	}

	/**
	 * The management topics and the short timers of an agent under test: a one-second
	 * heartbeat, a three-second stop timeout.
	 */
	public static Map<String, String> topicsAndTimers(TestTopics topics) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.topics.job-instructions", topics.instructions());
		settings.put("dcf.topics.job-status", topics.jobStatus());
		settings.put("dcf.topics.agent-status", topics.agentStatus());
		settings.put("dcf.agent.heartbeat-interval", "1s");
		settings.put("dcf.agent.stop-timeout", "3s");
		settings.put("spring.main.banner-mode", "off");
		return settings;
	}

	/** Starts it (again, with the same settings). */
	public void start() {
		List<String> args = new ArrayList<>();
		this.settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(ContainerAgentApplication.class);
		// several agents may start side by side in one JVM (the hollow fleet)
		SharedJvmLogging.takeTurns(builder.application());
		this.context = builder.run(args.toArray(String[]::new));
	}

	/** Its id: the one it was given, else the one it chose (while running). */
	public String id() {
		String given = this.settings.get("dcf.agent.id");
		return (given != null) ? given : this.context.getBean(AgentIdentity.class).id();
	}

	/** One of the agent's beans, e.g. its container runtime. */
	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	public boolean isRunning() {
		return this.context != null && this.context.isActive();
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

}
