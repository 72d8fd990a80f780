package dev.dcf.standalone;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Keeps the agent's context as it is when the agent runs alone. The standalone classpath
 * also holds the handler's libraries (JDBC, JPA, Flyway, Quartz, security, web, actuator,
 * ...), and their auto-configurations would switch on in the agent's context too: a
 * second database, migrations, a generated password. So in the agent's context every
 * auto-configuration is excluded that does not come from a Spring Boot module the agent
 * itself depends on.
 */
final class AgentAutoConfigurations {

	/**
	 * Packages of the Spring Boot modules on the agent's own runtime classpath
	 * ({@code ./mvnw dependency:list -pl container-agent}): core auto-configuration,
	 * Kafka, transactions and persistence (both pulled in by Kafka), validation; and
	 * DCF's own Kafka plumbing ({@code dcf-messaging}). Keep in step with the agent's
	 * pom.
	 */
	static final List<String> AGENT_MODULE_PACKAGES = List.of("org.springframework.boot.autoconfigure.",
			"org.springframework.boot.kafka.", "org.springframework.boot.transaction.",
			"org.springframework.boot.persistence.", "org.springframework.boot.validation.", "dev.dcf.messaging.");

	private AgentAutoConfigurations() {
	}

	/** Auto-configurations on the classpath that the agent alone would not have. */
	static List<String> exclusions(ClassLoader classLoader) {
		return ImportCandidates.load(AutoConfiguration.class, classLoader)
			.getCandidates()
			.stream()
			.filter((candidate) -> AGENT_MODULE_PACKAGES.stream().noneMatch(candidate::startsWith))
			.distinct()
			.sorted()
			.toList();
	}

}
