package dev.dcf.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.dcf.testsupport.RequiredTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose files as Debian's {@code docker-compose} reads them ({@code config}
 * resolves variables and validates the file without any Docker daemon or image). Skipped
 * when the binary is missing, failed instead when {@code DCF_REQUIRE} names compose.
 */
class ComposeFilesIT {

	private static final List<String> KAFKA_SERVICES = List.of("kafka", "schema-registry", "kafka-ui");

	private static final Path ROOT = RepositoryRoot.get();

	@BeforeAll
	static void dockerComposeIsInstalled() {
		boolean installed;
		try {
			installed = Commands.SYSTEM.run(List.of("docker-compose", "version"), null, Duration.ofSeconds(30),
					(line) -> {
					}) == 0;
		}
		catch (IOException ex) {
			installed = false;
		}
		RequiredTools.fromEnvironment()
			.assume(RequiredTools.Tool.COMPOSE, installed,
					"docker-compose is not installed (Debian: apt-get install docker-compose)");
	}

	@Test
	void wholeStackHasTheSixServicesAndOnlyKafkaAndTheRegistryShareTheGeneratorsNetwork() throws IOException {
		Map<String, Object> config = config(ROOT.resolve("docker-compose.yaml"), ROOT);

		Map<String, Map<String, Object>> services = services(config);
		assertThat(services).containsOnlyKeys("kafka", "kafka-init", "schema-registry", "kafka-ui", "postgres",
				"job-handler", "container-agent");
		services.forEach((name, service) -> {
			if (List.of("kafka", "schema-registry").contains(name)) {
				assertThat(networks(service)).as(name).containsExactlyInAnyOrder("dcf", "generators");
			}
			else {
				assertThat(networks(service)).as(name).containsExactly("dcf");
			}
		});
	}

	@Test
	void bothFilesRefuseToStartWithoutTheirPasswords() throws IOException {
		for (Path file : List.of(ROOT.resolve("docker-compose.yaml"), ROOT.resolve("kafka/docker-compose.yaml"))) {
			// .env leaves them empty; only the environment fills them in here
			for (String password : List.of("DCF_KAFKA_UI_PASSWORD", "DCF_KAFKA_PASSWORD", "DCF_KAFKA_AGENT_PASSWORD")) {
				// every other one set: the refusal names the one missing
				List<String> command = new ArrayList<>(List.of("env", "-u", password));
				for (String other : List.of("DCF_DB_PASSWORD", "DCF_KAFKA_UI_PASSWORD", "DCF_KAFKA_PASSWORD",
						"DCF_KAFKA_AGENT_PASSWORD")) {
					if (!other.equals(password)) {
						command.add(other + "=set-" + other.length());
					}
				}
				command.addAll(List.of("docker-compose", "-f", file.toString(), "config"));
				List<String> output = new ArrayList<>();

				int exit = Commands.SYSTEM.run(command, file.getParent(), Duration.ofSeconds(60), output::add);

				assertThat(exit).as("exit of docker-compose config for %s without %s", file, password).isNotZero();
				assertThat(String.join("\n", output)).as("its message").contains("set " + password + " in .env");
			}
		}
		List<String> output = new ArrayList<>();
		int exit = Commands.SYSTEM.run(
				List.of("env", "-u", "DCF_DB_PASSWORD", "DCF_KAFKA_UI_PASSWORD=a", "DCF_KAFKA_PASSWORD=b",
						"DCF_KAFKA_AGENT_PASSWORD=c", "docker-compose", "-f",
						ROOT.resolve("docker-compose.yaml").toString(), "config"),
				ROOT, Duration.ofSeconds(60), output::add);
		assertThat(exit).as("exit of docker-compose config without DCF_DB_PASSWORD").isNotZero();
		assertThat(String.join("\n", output)).contains("set DCF_DB_PASSWORD in .env");
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyServiceHasAHealthCheckAndWaitsForHealthyDependencies() throws IOException {
		for (Path file : List.of(ROOT.resolve("docker-compose.yaml"), ROOT.resolve("kafka/docker-compose.yaml"))) {
			services(config(file, file.getParent())).forEach((name, service) -> {
				Map<String, Object> dependsOn = (Map<String, Object>) service.getOrDefault("depends_on", Map.of());
				dependsOn.forEach((dependency, condition) -> assertThat(condition)
					.as("%s depends on %s", name, dependency)
					.isEqualTo(Map.of("condition",
							"kafka-init".equals(dependency) ? "service_completed_successfully" : "service_healthy")));
				if (!"kafka-init".equals(name)) {
					assertThat(service).as("%s in %s", name, file).containsKey("healthcheck");
				}
			});
		}
	}

	@Test
	void kafkaFileHasTheInfrastructureOnly() throws IOException {
		Map<String, Object> config = config(ROOT.resolve("kafka/docker-compose.yaml"), ROOT.resolve("kafka"));

		assertThat(services(config)).containsOnlyKeys(KAFKA_SERVICES);
	}

	@Test
	void kafkaServicesAreTheSameInBothFiles() throws IOException {
		Map<String, Map<String, Object>> whole = services(config(ROOT.resolve("docker-compose.yaml"), ROOT));
		Map<String, Map<String, Object>> kafka = services(
				config(ROOT.resolve("kafka/docker-compose.yaml"), ROOT.resolve("kafka")));

		for (String name : KAFKA_SERVICES) {
			assertThat(whole.get(name)).as(name).isEqualTo(kafka.get(name));
		}
	}

	@Test
	void everyImageIsPinnedToAVersion() throws IOException {
		Map<String, Map<String, Object>> services = services(config(ROOT.resolve("docker-compose.yaml"), ROOT));

		services.forEach((name, service) -> {
			String image = (String) service.get("image");
			assertThat(image).as(name).matches("[a-z0-9./-]+:[^:]*[0-9][^:]*").doesNotEndWith(":latest");
		});
	}

	@Test
	void generatorsJoinANetworkOfTheirOwnAndReachKafkaThroughItsListenerForThem() throws IOException {
		Map<String, Object> config = config(ROOT.resolve("docker-compose.yaml"), ROOT);
		Map<String, Object> agent = services(config).get("container-agent");
		@SuppressWarnings("unchecked")
		Map<String, Object> environment = (Map<String, Object>) agent.get("environment");
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) config.get("networks");

		assertThat(environment).containsEntry("DCF_AGENT_DOCKER_NETWORK", networks.get("generators").get("name"))
			.containsEntry("DCF_AGENT_GENERATOR_BOOTSTRAP_SERVERS", "kafka:9094");
		@SuppressWarnings("unchecked")
		Map<String, Object> kafka = (Map<String, Object>) services(config).get("kafka").get("environment");
		assertThat((String) kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("GENERATORS://kafka:9094");
		// on each job's way to RUNNING (docs/benchmarks.md, "The controller's linger")
		assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_APPEND_LINGER_MS")).hasToString("2");
		assertThat(agent.get("volumes").toString()).contains("/var/run/docker.sock");
	}

	@Test
	void defaultsInTheFilesMatchTheEnvFile(@TempDir Path elsewhere) throws IOException {
		// the same files without .env beside them: only their ${VAR:-default}s apply
		Files.copy(ROOT.resolve("docker-compose.yaml"), elsewhere.resolve("docker-compose.yaml"));
		Files.createDirectories(elsewhere.resolve("job-handler"));
		Files.createDirectories(elsewhere.resolve("container-agent"));
		Map<String, Map<String, Object>> withEnv = services(config(ROOT.resolve("docker-compose.yaml"), ROOT));
		Map<String, Map<String, Object>> defaults = services(
				config(elsewhere.resolve("docker-compose.yaml"), elsewhere));

		withEnv.forEach((name, service) -> {
			Map<String, Object> other = defaults.get(name);
			for (String key : List.of("image", "environment", "ports", "hostname")) {
				assertThat(other.get(key)).as(name + "." + key).isEqualTo(service.get(key));
			}
		});
	}

	private static Map<String, Object> config(Path file, Path directory) throws IOException {
		List<String> output = new ArrayList<>();
		// the passwords have no defaults; any value will do to read the files
		int exit = Commands.SYSTEM.run(List.of("env", "DCF_DB_PASSWORD=test-db", "DCF_KAFKA_UI_PASSWORD=test-ui",
				"DCF_KAFKA_PASSWORD=test-kafka", "DCF_KAFKA_AGENT_PASSWORD=test-agent", "docker-compose", "-f",
				file.toString(), "config"), directory, Duration.ofSeconds(60), output::add);
		assertThat(exit).as("docker-compose -f %s config:%n%s", file, String.join("\n", output)).isZero();
		// warnings (e.g. unset variables) would come first; there must be none
		assertThat(output).as("output of docker-compose config").isNotEmpty();
		assertThat(output.get(0)).as("first line of docker-compose config (a warning?)")
			.matches("(services|version|networks|volumes):.*");
		return new Yaml().load(String.join("\n", output));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services(Map<String, Object> config) {
		return (Map<String, Map<String, Object>>) config.get("services");
	}

	@SuppressWarnings("unchecked")
	private static List<String> networks(Map<String, Object> service) {
		Object networks = service.get("networks");
		return (networks instanceof Map<?, ?> map) ? new ArrayList<>((java.util.Set<String>) map.keySet())
				: (List<String>) networks;
	}

}
