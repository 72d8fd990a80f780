package dev.dcf.agent.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.ContainerAgentApplication;
import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestTopics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A container agent as a Spring Boot application in the test JVM, against the shared
 * embedded broker and registry and the real Docker daemon. Settings are passed as command
 * line arguments, so they win over {@code application.yaml}.
 */
public final class TestAgent implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private TestAgent(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts an agent.
	 * @param topics its topics
	 * @param settings more {@code key -> value} settings (e.g. {@code dcf.agent.id})
	 */
	public static TestAgent start(TestTopics topics, Map<String, String> settings) {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		Map<String, String> all = new LinkedHashMap<>();
		all.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
		all.put("dcf.schema-registry.url", infrastructure.registryUrl());
		all.put("dcf.topics.job-instructions", topics.instructions());
		all.put("dcf.topics.job-status", topics.jobStatus());
		all.put("dcf.topics.agent-status", topics.agentStatus());
		all.put("dcf.agent.heartbeat-interval", "1s");
		all.put("dcf.agent.stop-timeout", "3s");
		all.put("spring.main.banner-mode", "off");
		all.putAll(settings);
		List<String> args = new ArrayList<>();
		all.forEach((key, value) -> args.add("--" + key + "=" + value));
		return new TestAgent(
				new SpringApplicationBuilder(ContainerAgentApplication.class).run(args.toArray(String[]::new)));
	}

	public String id() {
		return this.context.getBean(AgentIdentity.class).id();
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
