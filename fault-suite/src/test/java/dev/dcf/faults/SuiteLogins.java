package dev.dcf.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.standalone.embedded.BrokerAuth;

/**
 * The suite's Kafka users, as in production: the broker authenticates every client and
 * authorizes with ACLs. The handler is a super user (it creates each job run's principal
 * and grants the agents their topics); the agents are confined to those grants; every
 * generator writes with its run's own credentials. The passwords are made once per test
 * JVM and handed to the broker and registry JVMs in their environment, so a restarted
 * broker knows the same users.
 */
final class SuiteLogins {

	static final String BROKER = "dcf-broker";

	static final String HANDLER = "dcf-handler";

	static final String AGENT = "dcf-agent";

	private static final Map<String, String> PASSWORDS = Map.of(BROKER, secret(), HANDLER, secret(), AGENT, secret());

	private SuiteLogins() {
	}

	/** Environment variables that carry the passwords to a child JVM. */
	static Map<String, String> environment() {
		return Map.of(variable(BROKER), PASSWORDS.get(BROKER), variable(HANDLER), PASSWORDS.get(HANDLER),
				variable(AGENT), PASSWORDS.get(AGENT));
	}

	/** The users, in a child JVM started with {@link #environment()}. */
	static BrokerAuth fromEnvironment() {
		return BrokerAuth.withBrokerUser(BROKER, required(BROKER))
			.withSuperUser(HANDLER, required(HANDLER))
			.withUser(AGENT, required(AGENT));
	}

	/** Client settings logging in as {@code user}. */
	static Map<String, String> clientProperties(String user) {
		return BrokerAuth.plainClientProperties(user, PASSWORDS.get(user));
	}

	/**
	 * The registry's URL with {@code user}'s login: it takes writes only from Kafka's
	 * users.
	 */
	static String registryUrl(String url, String user) {
		return RegistryClientConfig.of(url).withUserInfo(user + ":" + PASSWORDS.get(user)).url();
	}

	/** Spring Boot arguments of an application logging in as {@code user}. */
	static List<String> springArguments(String user) {
		List<String> arguments = new ArrayList<>();
		clientProperties(user)
			.forEach((name, value) -> arguments.add("--spring.kafka.properties." + name + "=" + value));
		if (HANDLER.equals(user)) {
			arguments.add("--dcf.kafka.run-principals.enabled=true");
			arguments.add("--dcf.kafka.agent-principals=" + AGENT);
		}
		return arguments;
	}

	private static String required(String user) {
		String password = System.getenv(variable(user));
		if (password == null) {
			throw new IllegalStateException(variable(user) + " is not set");
		}
		return password;
	}

	private static String variable(String user) {
		return "SUITE_KAFKA_PASSWORD_" + user.replace('-', '_').toUpperCase(java.util.Locale.ROOT);
	}

	private static String secret() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
