package dev.dcf.standalone;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.testsupport.RequiredTools;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestClients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The compose files run for real, as a user meets them, on images built without a
 * registry: DCF's apps and schema registry ({@code scripts/build-app-images.sh}), the
 * sample generator, and the stand-ins for Kafka and PostgreSQL
 * ({@code scripts/build-stand-in-images.sh}), chosen only through the image variables of
 * {@code .env} (set in docker-compose's environment, which wins over the file). Kafka UI
 * has no stand-in and is left out by naming the services. Each stack has a project name,
 * network and host ports of its own, so nothing else on the machine is touched, and is
 * removed with {@code down -v} whatever happens. Skipped without Docker or compose,
 * failed instead when {@code DCF_REQUIRE} names them.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

	private static final Path ROOT = RepositoryRoot.get();

	/** Everything but kafka-ui. */
	private static final List<String> STACK = List.of("kafka", "kafka-init", "schema-registry", "postgres",
			"job-handler", "container-agent");

	private static final String SAMPLE_TOPIC = "sensor-readings";

	private static final List<String> MANAGEMENT_TOPICS = List.of("dcf.job-instructions", "dcf.job-status",
			"dcf.agent-status");

	private static final Duration READY = Duration.ofMinutes(4);

	private static final Map<String, String> standInImages = new LinkedHashMap<>();

	private static final Random RANDOM = new Random();

	private final String suffix = UUID.randomUUID().toString().substring(0, 8);

	/** Kafka's fixed users (the files have no default passwords). */
	private final String kafkaPassword = "kafka-" + UUID.randomUUID();

	private final String agentPassword = "agent-" + UUID.randomUUID();

	private final String password = "compose-" + UUID.randomUUID();

	private final List<String> jobIds = new ArrayList<>();

	private final List<Compose> projects = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	@BeforeAll
	static void buildImages() throws IOException {
		long start = System.nanoTime();
		List<String> version = new ArrayList<>();
		boolean installed;
		try {
			installed = run(List.of("docker-compose", "version"), Map.of(), Duration.ofSeconds(30), version) == 0;
		}
		catch (IOException ex) {
			installed = false;
		}
		RequiredTools.fromEnvironment()
			.assume(RequiredTools.Tool.COMPOSE, installed, "docker-compose does not run (Debian: apt-get install "
					+ "docker-compose): " + String.join("\n", version));
		script(Duration.ofMinutes(10), "scripts/build-app-images.sh");
		script(Duration.ofMinutes(10), "scripts/build-test-images.sh", "generator");
		for (String line : script(Duration.ofMinutes(15), "scripts/build-stand-in-images.sh", "--print-env")) {
			if (line.matches("DCF_[A-Z_]+_IMAGE=\\S+")) {
				standInImages.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
			}
		}
		assertThat(standInImages).containsOnlyKeys("DCF_KAFKA_IMAGE", "DCF_POSTGRES_IMAGE");
		report("images built or up to date in %d s: %s", seconds(start), standInImages);
	}

	@AfterEach
	void removeEverythingThisTestStarted() throws IOException, InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		// generator containers of a failed run would keep the project's network in use
		for (String jobId : this.jobIds) {
			for (String id : containersOf(jobId, false)) {
				run(List.of("docker", "rm", "-f", id), Map.of(), Duration.ofSeconds(60), new ArrayList<>());
			}
		}
		for (Compose project : this.projects) {
			project.run(Duration.ofMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "10");
		}
	}

	@Test
	@Order(1)
	void wholeStackRunsJobsAndKeepsThemAcrossRestarts() throws Exception {
		long testStart = System.nanoTime();
		int httpPort = freePort();
		int kafkaPort = freePort();
		int registryPort = freePort();
		Compose stack = compose("dcfit" + this.suffix, ROOT.resolve("docker-compose.yaml"),
				Map.of("DCF_HTTP_PORT", String.valueOf(httpPort), "DCF_KAFKA_EXTERNAL_PORT", String.valueOf(kafkaPort),
						"DCF_SCHEMA_REGISTRY_PORT", String.valueOf(registryPort), "DCF_AGENT_HOSTNAME",
						"dcfit-agent-" + this.suffix));

		long upStart = System.nanoTime();
		stack.up(STACK);
		stack.awaitHealthy(STACK);
		report("whole stack: from up to all healthy in %d s", seconds(upStart));

		HandlerClient api = new HandlerClient(URI.create("http://localhost:" + httpPort), "admin", this.password);
		HandlerClient stranger = new HandlerClient(URI.create("http://localhost:" + httpPort), "admin", "wrong");
		assertThat(stranger.get("/api/jobs").status()).as("wrong password").isEqualTo(401);
		assertThat(api.get("/api/jobs").status()).as("password of .env's DCF_ADMIN_PASSWORD").isEqualTo(200);
		assertThat(servesWithoutLogin(kafkaPort)).as("Kafka serves a client without credentials").isFalse();
		try (Admin admin = Admin.create(kafkaClient(kafkaPort, "dcf", this.kafkaPassword))) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("topics when the handler is ready")
				.containsAll(MANAGEMENT_TOPICS)
				.contains(SAMPLE_TOPIC);
		}
		String agentId = awaitHealthyAgent(api, "dcfit-agent-" + this.suffix);

		// the sample job: on the generators' network, its records read from the host
		String sample = createStarted(api, job("compose sample", SAMPLE_TOPIC, 600));
		assertThat(containerNetworks(sample)).as("networks of the sample job's container")
			.containsExactly(stack.generatorNetwork());
		List<String> sampleEnv = checked(List.of("docker", "inspect", "--format",
				"{{range .Config.Env}}{{println .}}{{end}}", containersOf(sample, true).get(0)),
				Duration.ofSeconds(30));
		assertThat(sampleEnv).as("environment of the sample job's container")
			.contains("KAFKA_BOOTSTRAP_SERVERS=kafka:9094", "KAFKA_SASL_MECHANISM=SCRAM-SHA-512",
					"SCHEMA_REGISTRY_URL=http://schema-registry:8081")
			.anySatisfy((line) -> assertThat(line).startsWith("KAFKA_SASL_JAAS_CONFIG=")
				.contains("username=\"dcf-run-" + sample + "-1\""));
		// DCF's registry takes writes only from Kafka's users, from a run only for its
		// topic
		String runLogin = sampleEnv.stream()
			.filter((line) -> line.startsWith("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO="))
			.map((line) -> line.substring(line.indexOf('=') + 1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no registry login in " + sampleEnv));
		assertThat(runLogin).startsWith("dcf-run-" + sample + "-1:");
		assertThat(registerSchema(registryPort, SAMPLE_TOPIC + "-value", null)).as("a write without a login")
			.isEqualTo(401);
		assertThat(registerSchema(registryPort, SAMPLE_TOPIC + "-value", runLogin)).as("the run, its own topic")
			.isEqualTo(200);
		assertThat(registerSchema(registryPort, "dcf.agent-status-value", runLogin)).as("the run, a management topic")
			.isEqualTo(403);
		// from the generators' network only Kafka and the registry are there to be found
		assertThat(resolves(stack.generatorNetwork(), "kafka")).as("kafka from the generators' network").isTrue();
		assertThat(resolves(stack.generatorNetwork(), "schema-registry")).as("the registry from there").isTrue();
		for (String hidden : List.of("postgres", "job-handler", "container-agent", "kafka-ui")) {
			assertThat(resolves(stack.generatorNetwork(), hidden)).as("%s from the generators' network", hidden)
				.isFalse();
		}
		assertThat(resolves(stack.network(), "postgres")).as("postgres from the control plane's network").isTrue();
		awaitRecords(kafkaClient(kafkaPort, "dcf", this.kafkaPassword), SAMPLE_TOPIC);
		stopAndAwaitCompleted(api, sample);

		// an agent stopped and started keeps its running job's containers
		String kept = createStarted(api, job("kept across agent restart", "compose-kept-" + this.suffix, 600));
		List<String> keptContainers = containersOf(kept, true);
		assertThat(keptContainers).hasSize(1);
		stack.ok(Duration.ofMinutes(2), "stop", "container-agent");
		await().atMost(Duration.ofSeconds(30)).until(() -> "STOPPING".equals(agentStatus(api, agentId)));
		assertThat(containersOf(kept, true))
			.as(() -> "containers while the agent is stopped; " + diagnostics(api, kept, stack))
			.isEqualTo(keptContainers);
		stack.ok(Duration.ofMinutes(2), "start", "container-agent");
		stack.awaitHealthy(List.of("container-agent"));
		await().atMost(Duration.ofSeconds(90)).until(() -> "HEALTHY".equals(agentStatus(api, agentId)));
		assertThat(state(api, kept)).isEqualTo("RUNNING");
		assertThat(containersOf(kept, true))
			.as(() -> "containers after the agent's restart; " + diagnostics(api, kept, stack))
			.isEqualTo(keptContainers);

		stopAndAwaitCompleted(api, kept);

		// down and up (every service restarted, the handler among them): volumes keep the
		// jobs (PostgreSQL), the topics, the agent's id and the handler's key of secret
		// values; the handler hears the agent again and runs a new job. (No separate
		// handler restart: this one covers it, and each costs a minute of CI.)
		long downStart = System.nanoTime();
		stack.ok(Duration.ofMinutes(3), "down");
		assertThat(stack.containers()).as("containers after down").isEmpty();
		assertThat(stack.volumes()).as("volumes after down")
			.map((volume) -> volume.substring(volume.indexOf('_') + 1))
			.containsExactlyInAnyOrder("agent-data", "handler-data", "kafka-data", "postgres-data");
		stack.up(STACK);
		stack.awaitHealthy(STACK);
		report("whole stack: down, up and healthy again in %d s", seconds(downStart));
		for (String jobId : List.of(sample, kept)) {
			assertThat(state(api, jobId)).as("job %s after down and up", jobId).isEqualTo("COMPLETED");
		}
		assertThat(awaitHealthyAgent(api, "dcfit-agent-" + this.suffix)).as("agent id after down and up")
			.isEqualTo(agentId);
		// the sample job's records, still in Kafka's volume
		awaitRecords(kafkaClient(kafkaPort, "dcf", this.kafkaPassword), SAMPLE_TOPIC);
		String after = createStarted(api, job("after down and up", "compose-after-" + this.suffix, 600));
		awaitRecords(kafkaClient(kafkaPort, "dcf", this.kafkaPassword), "compose-after-" + this.suffix);
		stopAndAwaitCompleted(api, after);

		stack.ok(Duration.ofMinutes(3), "down", "-v");
		assertThat(stack.containers()).as("containers after down -v").isEmpty();
		assertThat(stack.volumes()).as("volumes after down -v").isEmpty();
		assertThat(stack.networks()).as("networks after down -v").isEmpty();
		report("whole stack test took %d s", seconds(testStart));
	}

	@Test
	@Order(2)
	void kafkaOnlyWithTheAppsOnTheHost(@TempDir Path data) throws Exception {
		long testStart = System.nanoTime();
		int kafkaPort = freePort();
		int registryPort = freePort();
		int httpPort = freePort();
		Compose kafka = compose("dcfitk" + this.suffix, ROOT.resolve("kafka/docker-compose.yaml"),
				Map.of("DCF_KAFKA_EXTERNAL_PORT", String.valueOf(kafkaPort), "DCF_SCHEMA_REGISTRY_PORT",
						String.valueOf(registryPort)));
		kafka.up(List.of("kafka", "schema-registry"));
		kafka.awaitHealthy(List.of("kafka", "schema-registry"));
		report("Kafka only: from up to healthy in %d s", seconds(testStart));

		// as docs/operations.md runs them
		String kafkaArgument = "--spring.kafka.bootstrap-servers=localhost:" + kafkaPort;
		List<String> handler = new ArrayList<>(java(jar("job-handler")));
		handler.add(kafkaArgument);
		handler.add("--dcf.schema-registry.url=http://dcf:" + this.kafkaPassword + "@localhost:" + registryPort);
		handler.addAll(loginArguments("dcf", this.kafkaPassword));
		handler.add("--dcf.kafka.run-principals.enabled=true");
		handler.add("--dcf.kafka.agent-principals=agent");
		handler.add("--server.port=" + httpPort);
		startProcess(handler,
				Map.of("DCF_ADMIN_PASSWORD", this.password, "DCF_DATA_DIR", data.resolve("handler").toString()),
				data.resolve("handler.log"));
		List<String> agent = new ArrayList<>(java(jar("container-agent")));
		agent.add(kafkaArgument);
		agent.add("--dcf.schema-registry.url=http://agent:" + this.agentPassword + "@localhost:" + registryPort);
		agent.addAll(loginArguments("agent", this.agentPassword));
		agent.add("--dcf.agent.id-file=" + data.resolve("agent-id"));
		startProcess(agent, Map.of(), data.resolve("agent.log"));

		HandlerClient api = new HandlerClient(URI.create("http://localhost:" + httpPort), "admin", this.password);
		await().atMost(READY).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			assertThat(this.processes)
				.as(() -> "processes; " + tail(data.resolve("handler.log")) + "\n" + tail(data.resolve("agent.log")))
				.allMatch(Process::isAlive);
			return api.get("/actuator/health").status() == 200;
		});
		awaitHealthyAgent(api, null);
		String topic = "kafka-only-" + this.suffix;
		String jobId = createStarted(api, job("kafka only", topic, 600));
		awaitRecords(kafkaClient(kafkaPort, "dcf", this.kafkaPassword), topic);
		stopAndAwaitCompleted(api, jobId);
		report("Kafka-only test took %d s", seconds(testStart));
	}

	/** The last lines of a log, for a failure's message. */
	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return log.getFileName() + ":\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return log + ": " + ex.getMessage();
		}
	}

	private Compose compose(String project, Path file, Map<String, String> settings) {
		Map<String, String> environment = new HashMap<>(standInImages);
		environment.put("DCF_NETWORK", project);
		environment.put("DCF_GENERATOR_NETWORK", project + "-generators");
		environment.put("DCF_ADMIN_PASSWORD", this.password);
		// the files refuse to start without these (no defaults)
		environment.put("DCF_DB_PASSWORD", "db-" + this.suffix);
		environment.put("DCF_KAFKA_UI_PASSWORD", "ui-" + this.suffix);
		environment.put("DCF_KAFKA_PASSWORD", this.kafkaPassword);
		environment.put("DCF_KAFKA_AGENT_PASSWORD", this.agentPassword);
		// free ports for every published port, also of services left out
		for (String port : List.of("DCF_HTTP_PORT", "DCF_KAFKA_EXTERNAL_PORT", "DCF_SCHEMA_REGISTRY_PORT",
				"DCF_KAFKA_UI_PORT")) {
			environment.put(port, String.valueOf(freePort()));
		}
		environment.putAll(settings);
		Compose compose = new Compose(project, file, environment);
		this.projects.add(compose);
		return compose;
	}

	private static Map<String, Object> job(String name, String topic, int durationSeconds) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("name", name);
		job.put("image", "dcf/sample-generator:latest");
		job.put("topic", topic);
		job.put("containers", 1);
		job.put("cpuLimit", 0.5);
		job.put("memoryLimitMb", 256);
		job.put("durationSeconds", durationSeconds);
		job.put("env", Map.of("RATE", "10"));
		job.put("start", true);
		return job;
	}

	private String createStarted(HandlerClient api, Map<String, Object> job) {
		HandlerClient.Response created = api.post("/api/jobs", job);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String jobId = created.json().path("id").asString();
		this.jobIds.add(jobId);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "RUNNING".equals(state(api, jobId)));
		return jobId;
	}

	private static void stopAndAwaitCompleted(HandlerClient api, String jobId) {
		HandlerClient.Response stopped = api.post("/api/jobs/" + jobId + "/stop", Map.of());
		assertThat(stopped.status()).as(stopped.body()).isBetween(200, 299);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "COMPLETED".equals(state(api, jobId)));
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> containersOf(jobId, false).isEmpty());
	}

	private static String state(HandlerClient api, String jobId) {
		HandlerClient.Response job = api.get("/api/jobs/" + jobId);
		assertThat(job.status()).as(job.body()).isEqualTo(200);
		String state = job.json().path("state").asString();
		assertThat(state).as("job state (%s)", job.body()).isNotIn("FAILED", "LOST");
		return state;
	}

	/** Waits for a healthy agent (of that host name, if given) and returns its id. */
	private static String awaitHealthyAgent(HandlerClient api, String hostname) {
		String[] id = new String[1];
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
			for (JsonNode agent : api.get("/api/agents").json()) {
				if ((hostname == null || hostname.equals(agent.path("hostname").asString()))
						&& "HEALTHY".equals(agent.path("status").asString())) {
					id[0] = agent.path("id").asString();
					return true;
				}
			}
			return false;
		});
		return id[0];
	}

	private static String diagnostics(HandlerClient api, String jobId, Compose stack) {
		return "events of job " + jobId + ": " + api.get("/api/jobs/" + jobId + "/events").body() + "\nlogs:\n"
				+ stack.logs();
	}

	private static String agentStatus(HandlerClient api, String agentId) {
		return api.get("/api/agents/" + agentId).json().path("status").asString();
	}

	/** Reads the topic from the host, through Kafka's external listener. */
	/** Client settings of one of Kafka's fixed users, through its external listener. */
	private static Map<String, Object> kafkaClient(int kafkaPort, String user, String password) {
		Map<String, Object> client = new HashMap<>(BrokerAuth.plainClientProperties(user, password));
		client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort);
		return client;
	}

	/** The same login as an app's {@code --spring.kafka.properties.*} arguments. */
	private static int registerSchema(int registryPort, String subject, String login) throws Exception {
		return TestClients.registerSchema("http://localhost:" + registryPort, subject, login).statusCode();
	}

	private static List<String> loginArguments(String user, String password) {
		List<String> arguments = new ArrayList<>();
		BrokerAuth.plainClientProperties(user, password)
			.forEach((name, value) -> arguments.add("--spring.kafka.properties." + name + "=" + value));
		return arguments;
	}

	/** Whether Kafka lists its topics to a client that does not log in. */
	private static boolean servesWithoutLogin(int kafkaPort) {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + kafkaPort,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				4000))) {
			admin.listTopics().names().get(10, TimeUnit.SECONDS);
			return true;
		}
		catch (Exception ex) {
			report("a client without credentials: %s", ex);
			return false;
		}
	}

	private static void awaitRecords(Map<String, Object> client, String topic) {
		Properties properties = new Properties();
		properties.putAll(client);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "compose-it-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
				return records.size() >= 5;
			});
		}
		assertThat(records).allSatisfy((record) -> assertThat(record.value()).contains("\"deviceId\":\"sensor-0-"));
	}

	private static List<String> containersOf(String jobId, boolean runningOnly) throws IOException {
		List<String> command = new ArrayList<>(
				List.of("docker", "ps", "-q", "--no-trunc", "--filter", "label=dcf.job-id=" + jobId));
		if (!runningOnly) {
			command.add("-a");
		}
		return checked(command, Duration.ofSeconds(30));
	}

	/**
	 * Whether a container on {@code network} finds {@code name} through Docker's DNS (a
	 * throwaway busybox container of the sleeper image).
	 */
	private static boolean resolves(String network, String name) throws IOException {
		List<String> output = new ArrayList<>();
		int exit = run(List.of("docker", "run", "--rm", "--network", network, "--entrypoint", "/bin/busybox",
				"dcf-test/sleeper:latest", "nslookup", name), Map.of(), Duration.ofSeconds(60), output);
		report("nslookup %s on %s: exit %d, %s", name, network, exit, String.join(" | ", output));
		return exit == 0;
	}

	private static List<String> containerNetworks(String jobId) throws IOException {
		return checked(List.of("docker", "ps", "--filter", "label=dcf.job-id=" + jobId, "--format", "{{.Networks}}"),
				Duration.ofSeconds(30));
	}

	private static Path jar(String module) throws IOException {
		try (var files = Files.list(ROOT.resolve(module).resolve("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("dcf-" + module + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no executable jar in " + module + "/target"));
		}
	}

	private static List<String> java(Path jar) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-Xmx384m", "-jar", jar.toString());
	}

	private void startProcess(List<String> command, Map<String, String> environment, Path log) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().keySet().removeIf((name) -> name.startsWith("DCF_") || name.startsWith("SPRING_"));
		builder.environment().putAll(environment);
		this.processes.add(builder.start());
	}

	private static List<String> script(Duration timeout, String... command) throws IOException {
		List<String> output = new ArrayList<>();
		int exit = run(List.of(command), Map.of(), timeout, output);
		assertThat(exit).as("%s:%n%s", String.join(" ", command), String.join("\n", output)).isZero();
		return output;
	}

	private static List<String> checked(List<String> command, Duration timeout) throws IOException {
		List<String> output = new ArrayList<>();
		int exit = run(command, Map.of(), timeout, output);
		assertThat(exit).as("%s:%n%s", String.join(" ", command), String.join("\n", output)).isZero();
		return output;
	}

	/**
	 * Runs a command in the repository root with the environment's DCF and compose
	 * settings replaced by the given ones (.env supplies the rest).
	 * @return the exit code, -1 on timeout
	 */
	private static int run(List<String> command, Map<String, String> environment, Duration timeout, List<String> output)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment()
			.keySet()
			.removeIf((name) -> (name.startsWith("DCF_") && !name.equals(RequiredTools.VARIABLE))
					|| name.startsWith("COMPOSE_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		Thread pump = new Thread(() -> {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				reader.lines().forEach((line) -> {
					synchronized (output) {
						output.add(line);
					}
				});
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		pump.start();
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			pump.join(5000);
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted: " + command, ex);
		}
	}

	/**
	 * A free port below Linux's ephemeral range (32768 and up), where other tests pick
	 * theirs with port 0: a port one of them holds, or frees for a moment while it
	 * restarts a broker, could otherwise be published by this stack and their clients
	 * reach it.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = 20000 + RANDOM.nextInt(12000);
			try (ServerSocket socket = new ServerSocket()) {
				socket.bind(new InetSocketAddress("0.0.0.0", port));
				return port;
			}
			catch (IOException ex) {
				// taken, try another
			}
		}
		throw new IllegalStateException("no free port in 20000-31999");
	}

	private static long seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000_000;
	}

	private static void report(String format, Object... args) {
		System.out.println("[ComposeStackIT] " + String.format(format, args));
	}

	/** One compose project: its own name, network and settings. */
	private record Compose(String project, Path file, Map<String, String> environment) {

		String network() {
			return this.environment.get("DCF_NETWORK");
		}

		String generatorNetwork() {
			return this.environment.get("DCF_GENERATOR_NETWORK");
		}

		void up(List<String> services) throws IOException {
			List<String> arguments = new ArrayList<>(List.of("up", "-d"));
			arguments.addAll(services);
			ok(Duration.ofMinutes(5), arguments.toArray(String[]::new));
		}

		List<String> run(Duration timeout, String... arguments) throws IOException {
			List<String> command = new ArrayList<>(
					List.of("docker-compose", "-p", this.project, "-f", this.file.toString()));
			command.addAll(List.of(arguments));
			List<String> output = new ArrayList<>();
			int exit = ComposeStackIT.run(command, this.environment, timeout, output);
			if (exit != 0) {
				output.add(0, "exit code " + exit);
			}
			return output;
		}

		void ok(Duration timeout, String... arguments) throws IOException {
			List<String> output = run(timeout, arguments);
			assertThat(output).as("docker-compose %s", String.join(" ", arguments))
				.noneMatch((line) -> line.startsWith("exit code "));
		}

		/**
		 * Waits until every long-running service reports healthy and the one-shot
		 * kafka-init has exited with 0; fails at once on an unhealthy one.
		 */
		void awaitHealthy(List<String> services) {
			long deadline = System.nanoTime() + READY.toNanos();
			while (System.nanoTime() < deadline) {
				Map<String, String> status = status();
				boolean ready = true;
				for (String service : services) {
					String current = status.getOrDefault(service, "missing");
					if (current.contains("unhealthy") || current.matches("Exited \\([1-9].*")) {
						throw new AssertionError(service + " is " + current + "; logs:\n" + logs());
					}
					if ("kafka-init".equals(service)) {
						ready &= current.startsWith("Exited (0)");
					}
					else {
						ready &= current.contains("(healthy)");
					}
				}
				if (ready) {
					return;
				}
				sleep(Duration.ofSeconds(1));
			}
			throw new AssertionError("not healthy within " + READY + ": " + status() + "; logs:\n" + logs());
		}

		/** {@code docker ps} status of each service's container. */
		Map<String, String> status() {
			Map<String, String> status = new HashMap<>();
			try {
				for (String line : checked(
						List.of("docker", "ps", "-a", "--filter", "label=com.docker.compose.project=" + this.project,
								"--format", "{{.Label \"com.docker.compose.service\"}}|{{.Status}}"),
						Duration.ofSeconds(30))) {
					String[] parts = line.split("\\|", 2);
					status.put(parts[0], parts[1]);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			return status;
		}

		List<String> containers() throws IOException {
			return checked(
					List.of("docker", "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + this.project),
					Duration.ofSeconds(30));
		}

		List<String> volumes() throws IOException {
			return checked(List.of("docker", "volume", "ls", "-q", "--filter",
					"label=com.docker.compose.project=" + this.project), Duration.ofSeconds(30));
		}

		List<String> networks() throws IOException {
			List<String> byLabel = checked(List.of("docker", "network", "ls", "-q", "--filter",
					"label=com.docker.compose.project=" + this.project), Duration.ofSeconds(30));
			List<String> byName = checked(List.of("docker", "network", "ls", "-q", "--filter",
					"name=^" + network() + "$", "--filter", "name=^" + generatorNetwork() + "$"),
					Duration.ofSeconds(30));
			List<String> all = new ArrayList<>(byLabel);
			all.addAll(byName);
			return all;
		}

		String logs() {
			try {
				return String.join("\n", run(Duration.ofSeconds(60), "logs", "--no-color", "--tail=60"));
			}
			catch (IOException ex) {
				return "(no logs: " + ex.getMessage() + ")";
			}
		}

		private static void sleep(Duration duration) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
