package dev.dcf.standalone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;

import dev.dcf.agent.config.AgentIdentity;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone in this JVM (random ports, a data directory under {@code target/}) with
 * an agent whose Docker daemon does not exist: it must still start, and the agent must be
 * listed as unhealthy with the reason. Needs no Docker.
 */
class StandaloneIT {

	private static final String PASSWORD = "it-" + UUID.randomUUID();

	private static Path dataDir;

	private static Standalone standalone;

	private static Ready ready;

	@BeforeAll
	static void start() throws Exception {
		dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "standalone-it-");
		StandaloneSettings settings = new StandaloneSettings(dataDir, 0, 0, 0, false, null, Duration.ofSeconds(90),
				true);
		String[] args = { "--dcf.agent.docker-host=unix://" + dataDir.resolve("no-docker.sock"),
				"--dcf.agent.heartbeat-interval=1s" };
		GeneratorImage noDocker = new GeneratorImage((command, directory, timeout, output) -> 1, null, false);
		standalone = new Standalone(settings, new AdminLogin(PASSWORD), args, noDocker, Clock.systemUTC());
		ready = standalone.start();
	}

	@AfterAll
	static void stop() {
		if (standalone != null) {
			assertThat(standalone.stop()).as("clean stop").isTrue();
		}
	}

	@Test
	void agentWithoutDockerIsListedUnhealthyWithTheReason() {
		assertThat(ready.agentStatus()).startsWith("UNHEALTHY").contains("docker");
		assertThat(ready.generatorImage()).startsWith("Docker not reachable");
	}

	@Test
	void agentContextHasNoneOfTheHandlersInfrastructure() {
		ConfigurableApplicationContext agent = standalone.agentContext();

		assertThat(agent.getBeanNamesForType(DataSource.class)).isEmpty();
		assertThat(agent.getBeanNamesForType(EntityManagerFactory.class)).isEmpty();
		assertThat(agent.getBeanNamesForType(Flyway.class)).isEmpty();
		assertThat(agent.getBeanNamesForType(Scheduler.class)).isEmpty();
		assertThat(agent.getBeanNamesForType(SecurityFilterChain.class)).isEmpty();
		assertThat(standalone.handlerContext().getBeanNamesForType(DataSource.class)).hasSize(1);
	}

	@Test
	void eachAppReadsItsOwnApplicationYaml() {
		assertThat(standalone.handlerContext().getEnvironment().getProperty("spring.application.name"))
			.isEqualTo("dcf-job-handler");
		assertThat(standalone.agentContext().getEnvironment().getProperty("spring.application.name"))
			.isEqualTo("dcf-container-agent");
		assertThat(standalone.agentContext().getEnvironment().getProperty("spring.kafka.client-id"))
			.isEqualTo("dcf-agent");
	}

	@Test
	void bothAppsUseTheEmbeddedBrokerAndRegistryEachWithItsKafkaLogin() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {
				standalone.handlerContext(), standalone.agentContext() }) {
			assertThat(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers")).isEqualTo(ready.kafka());
		}
		// the registry takes schemas only from Kafka's users
		assertThat(standalone.handlerContext().getEnvironment().getProperty("dcf.schema-registry.url"))
			.startsWith("http://dcf:")
			.endsWith("@" + ready.registry().substring("http://".length()));
		assertThat(standalone.agentContext().getEnvironment().getProperty("dcf.schema-registry.url"))
			.startsWith("http://agent:")
			.endsWith("@" + ready.registry().substring("http://".length()));
		assertThat(standalone.agentContext().getEnvironment().getProperty("dcf.agent.generator-schema-registry-url"))
			.as("what generators get: no login of the agent's")
			.isEqualTo(ready.registry());
		assertThat(standalone.agentContext().getEnvironment().getProperty("dcf.agent.generator-bootstrap-servers"))
			.isEqualTo(ready.kafka());
		assertThat(standalone.agentContext().getEnvironment().getProperty("dcf.agent.remove-containers-on-shutdown"))
			.isEqualTo("true");
	}

	@Test
	void theBrokerServesOnlyClientsThatLogInAndEachAppLogsInAsItsOwnUser() throws Exception {
		assertThat(ready.kafkaLogin()).isEqualTo(dataDir.resolve("kafka-client.properties")).isRegularFile();
		assertThat(standalone.handlerContext().getEnvironment().getProperty("spring.kafka.properties.sasl.jaas.config"))
			.contains("username=\"dcf\"");
		assertThat(standalone.agentContext().getEnvironment().getProperty("spring.kafka.properties.sasl.jaas.config"))
			.contains("username=\"agent\"");
		assertThat(standalone.handlerContext().getEnvironment().getProperty("dcf.kafka.run-principals.enabled"))
			.isEqualTo("true");
		Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.kafka(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				3000);
		try (Admin admin = Admin.create(anonymous)) {
			assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
				.as("a client without a login")
				.isInstanceOf(ExecutionException.class);
		}
		Properties login = new Properties();
		try (var reader = Files.newBufferedReader(ready.kafkaLogin())) {
			login.load(reader);
		}
		Map<String, Object> withLogin = new HashMap<>();
		login.forEach((name, value) -> withLogin.put((String) name, value));
		withLogin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ready.kafka());
		try (Admin admin = Admin.create(withLogin)) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("topics, with the printed login")
				.contains("dcf.job-instructions");
		}
		HttpResponse<String> anonymousWrite = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ready.registry() + "/subjects/anything-value/versions"))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymousWrite.statusCode()).as("a schema without a login: %s", anonymousWrite.body())
			.isEqualTo(401);
	}

	@Test
	void everythingIsKeptInTheDataDirectory() throws Exception {
		String agentId = standalone.agentContext().getBean(AgentIdentity.class).id();

		assertThat(Files.readString(dataDir.resolve("agent-id")).strip()).isEqualTo(agentId);
		assertThat(dataDir.resolve("kafka/meta.properties")).isRegularFile();
		assertThat(dataDir.resolve("dcf-handler.mv.db")).isRegularFile();
	}

	@Test
	void apiAnswersWithThePrintedLoginOnly() {
		assertThat(new HandlerClient(ready.url(), ready.user(), PASSWORD).get("/api/jobs").status()).isEqualTo(200);
		assertThat(new HandlerClient(ready.url(), ready.user(), "wrong").get("/api/jobs").status()).isEqualTo(401);
	}

}
