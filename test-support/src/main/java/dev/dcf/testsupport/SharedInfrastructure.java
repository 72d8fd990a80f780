package dev.dcf.testsupport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.standalone.embedded.EmbeddedKafka;
import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;

/**
 * One embedded Kafka broker and one embedded schema registry per test JVM and kind, on
 * random ports, started on first use and stopped when the JVM exits. Tests share them:
 * use unique topic names and consumer groups. Tests that stop or restart a broker build
 * their own {@link EmbeddedKafka} instead.
 * <p>
 * Two kinds: {@link #get()} serves anyone (module tests that play the handler themselves,
 * whose instructions carry no credentials), {@link #authenticated()} logs everyone in and
 * authorizes with ACLs as a production broker does (the handler's tests, end to end: each
 * job run's containers get a principal of their own that may write its topic only). On
 * the authenticated one the handler ({@value #HANDLER}) and the agents ({@value #AGENT})
 * are super users, as in the standalone, where they share a JVM and so a secret anyway;
 * an agent confined to its own ACLs is tested on a broker of its own.
 */
public final class SharedInfrastructure {

	/** The handler's user on the authenticated broker. */
	public static final String HANDLER = "dcf-handler";

	/** The agents' user on the authenticated broker. */
	public static final String AGENT = "dcf-agent";

	private static final Shared PLAIN = new Shared(false);

	private static final Shared AUTHENTICATED = new Shared(true);

	private final EmbeddedKafka kafka;

	private final EmbeddedSchemaRegistry registry;

	private SharedInfrastructure(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
		this.kafka = kafka;
		this.registry = registry;
	}

	/**
	 * The shared broker without authentication and its registry, started on first use.
	 * @throws IllegalStateException if they could not be started (also on later calls)
	 */
	public static SharedInfrastructure get() {
		return PLAIN.get();
	}

	/**
	 * The shared broker with SASL and ACLs and its registry, started on first use.
	 * @throws IllegalStateException if they could not be started (also on later calls)
	 */
	public static SharedInfrastructure authenticated() {
		return AUTHENTICATED.get();
	}

	/** {@code localhost:PORT} of the shared broker. */
	public String bootstrapServers() {
		return this.kafka.bootstrapServers();
	}

	/**
	 * {@code http://localhost:PORT} of the shared registry; on the authenticated one with
	 * the test's login as user info, since it takes writes only from Kafka's users.
	 */
	public String registryUrl() {
		return isAuthenticated() ? registryUrl(this.kafka.auth().brokerUser()) : this.registry.url();
	}

	private String registryUrl(String user) {
		return RegistryClientConfig.of(this.registry.url()).withUserInfo(this.kafka.auth().basicUserInfo(user)).url();
	}

	/** Whether clients must log in. */
	public boolean isAuthenticated() {
		return this.kafka.auth() != null;
	}

	/**
	 * A test's own Kafka clients (Admin, producers, consumers): the bootstrap servers
	 * and, on the authenticated broker, the login of its super user. Copy it and add the
	 * rest.
	 */
	public Map<String, Object> clientProperties() {
		Map<String, Object> properties = new LinkedHashMap<>(this.kafka.adminProperties());
		properties.put("bootstrap.servers", bootstrapServers());
		return Collections.unmodifiableMap(properties);
	}

	/**
	 * Spring settings of a DCF application on this broker: bootstrap servers, registry
	 * and, on the authenticated broker, its login ({@code spring.kafka.properties.*}).
	 * @param user {@link #HANDLER} or {@link #AGENT}
	 */
	public Map<String, String> applicationProperties(String user) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		properties.put("dcf.schema-registry.url", isAuthenticated() ? registryUrl(user) : registryUrl());
		if (isAuthenticated()) {
			this.kafka.auth()
				.clientProperties(user)
				.forEach((name, value) -> properties.put("spring.kafka.properties." + name, value));
			if (HANDLER.equals(user)) {
				properties.put("dcf.kafka.run-principals.enabled", "true");
			}
		}
		return properties;
	}

	private static final class Shared {

		private final boolean authenticated;

		private SharedInfrastructure instance;

		private RuntimeException failure;

		Shared(boolean authenticated) {
			this.authenticated = authenticated;
		}

		synchronized SharedInfrastructure get() {
			if (this.failure != null) {
				throw new IllegalStateException("Shared test infrastructure failed to start earlier", this.failure);
			}
			if (this.instance == null) {
				this.instance = start();
			}
			return this.instance;
		}

		private SharedInfrastructure start() {
			EmbeddedKafka.Builder builder = EmbeddedKafka.builder().port(0);
			if (this.authenticated) {
				builder.auth(BrokerAuth.withBrokerUser("dcf-broker", secret())
					.withSuperUser(HANDLER, secret())
					.withSuperUser(AGENT, secret()));
			}
			EmbeddedKafka kafka = builder.build();
			EmbeddedSchemaRegistry registry = null;
			try {
				kafka.start();
				registry = EmbeddedSchemaRegistry.builder()
					.port(0)
					.bootstrapServers(kafka.bootstrapServers())
					.kafkaClientProperties(kafka.adminProperties())
					.authorizeWrites(this.authenticated)
					.build();
				registry.start();
			}
			catch (RuntimeException ex) {
				if (registry != null) {
					registry.close();
				}
				kafka.close();
				this.failure = ex;
				throw ex;
			}
			EmbeddedSchemaRegistry started = registry;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				started.close();
				kafka.close();
			}, "shared-infrastructure-shutdown"));
			return new SharedInfrastructure(kafka, registry);
		}

		private static String secret() {
			return UUID.randomUUID().toString().replace("-", "");
		}

	}

}
