package dev.dcf.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.testsupport.RequiresDocker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The container agent's image, built offline by {@code scripts/build-app-images.sh} on
 * the local JRE base, runs with the Docker socket mounted on the host network next to a
 * standalone in this JVM, and the handler lists it as a healthy agent.
 */
@RequiresDocker
class AgentImageIT {

	private static final String PASSWORD = "it-" + UUID.randomUUID();

	private static final String AGENT_ID = "image-it-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String CONTAINER = "dcf-agent-image-it-" + AGENT_ID;

	private static Standalone standalone;

	private static Ready ready;

	private static Path dataDir;

	@BeforeAll
	static void buildImageAndStartStandalone() throws Exception {
		List<String> output = new ArrayList<>();
		int exit = Commands.SYSTEM.run(List.of("bash",
				RepositoryRoot.get().resolve("scripts/build-app-images.sh").toString(), "container-agent"),
				RepositoryRoot.get(), Duration.ofMinutes(10), output::add);
		assertThat(exit).as("scripts/build-app-images.sh container-agent:%n%s", String.join("\n", output)).isZero();

		dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "agent-image-it-");
		StandaloneSettings settings = new StandaloneSettings(dataDir, 0, 0, 0, false, null, Duration.ofSeconds(90),
				true);
		standalone = new Standalone(settings, new AdminLogin(PASSWORD), new String[0],
				new GeneratorImage(Commands.SYSTEM, null, false), Clock.systemUTC());
		ready = standalone.start();
	}

	@AfterAll
	static void stop() throws IOException {
		// -v: also the anonymous volume of the image's /data
		Commands.SYSTEM.run(List.of("docker", "rm", "-f", "-v", CONTAINER), null, Duration.ofSeconds(60), (line) -> {
		});
		if (standalone != null) {
			standalone.stop();
		}
	}

	@Test
	void agentImageHeartbeatsToTheHandler() throws IOException {
		// the standalone's broker asks for a login: the agent image logs in as its agent
		// user, to Kafka and to the registry (which takes schemas only from Kafka's
		// users),
		// configured the way docs/operations.md shows for agents on other hosts
		Properties logins = new Properties();
		try (Reader reader = Files.newBufferedReader(dataDir.resolve(KafkaLogins.FILE))) {
			logins.load(reader);
		}
		List<String> command = new ArrayList<>(List.of("docker", "run", "--pull=never", "-d", "--name", CONTAINER,
				"--network", "host", "-v", "/var/run/docker.sock:/var/run/docker.sock", "-e",
				"SPRING_KAFKA_BOOTSTRAP_SERVERS=" + ready.kafka(), "-e",
				"DCF_SCHEMA_REGISTRY_URL=" + RegistryClientConfig.of(ready.registry())
					.withUserInfo("agent:" + logins.getProperty(KafkaLogins.AGENT))
					.url(),
				"-e", "DCF_AGENT_ID=" + AGENT_ID, "-e", "DCF_AGENT_HEARTBEAT_INTERVAL=2s"));
		BrokerAuth.plainClientProperties(KafkaLogins.AGENT, logins.getProperty(KafkaLogins.AGENT))
			.forEach((name, value) -> command.addAll(List.of("-e",
					"SPRING_KAFKA_PROPERTIES_" + name.toUpperCase(Locale.ROOT).replace('.', '_') + "=" + value)));
		command.add("dcf/container-agent:latest");
		List<String> output = new ArrayList<>();
		int exit = Commands.SYSTEM.run(command, null, Duration.ofMinutes(1), output::add);
		assertThat(exit).as("docker run: %s", output).isZero();

		HandlerClient api = new HandlerClient(ready.url(), ready.user(), PASSWORD);
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			HandlerClient.Response response = api.get("/api/agents/" + AGENT_ID);
			assertThat(response.status()).as("agent %s in the handler; its log:%n%s", AGENT_ID, containerLog())
				.isEqualTo(200);
			JsonNode agent = response.json();
			assertThat(agent.path("status").asString()).as(response.body()).isEqualTo("HEALTHY");
		});
		JsonNode listed = api.get("/api/agents").json();
		assertThat(listed.findValuesAsString("id")).contains(AGENT_ID);
	}

	private static String containerLog() throws IOException {
		List<String> log = new ArrayList<>();
		Commands.SYSTEM.run(List.of("docker", "logs", "--tail", "30", CONTAINER), null, Duration.ofSeconds(30),
				log::add);
		return String.join("\n", log);
	}

}
