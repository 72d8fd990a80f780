package dev.dcf.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end as a user runs it: {@code ./dcf} as its own process (free ports, a fresh
 * data directory under {@code target/}), the sample generator job over REST, its records
 * read from Kafka, Ctrl-C, and a second start that still knows the job.
 */
@RequiresDocker
class LauncherProcessIT {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

	private static final int CONTAINERS = 2;

	private static final int RATE = 10;

	private static final int DURATION_SECONDS = 20;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root = RepositoryRoot.get();

	private final String password = "e2e-" + UUID.randomUUID();

	private final Map<String, String> environment = new HashMap<>();

	private Process launcher;

	@AfterEach
	void killLauncherLeftRunning() {
		if (this.launcher != null && this.launcher.isAlive()) {
			this.launcher.destroyForcibly();
		}
	}

	@Test
	void sampleJobRunsStopsAndIsStillListedAfterARestart() throws Exception {
		TestImages.ensureBuilt();
		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "launcher-it-");
		int kafkaPort = freePort();
		this.environment.put("DCF_DATA_DIR", dataDir.toString());
		this.environment.put("DCF_STANDALONE_KAFKA_PORT", String.valueOf(kafkaPort));
		this.environment.put("DCF_STANDALONE_REGISTRY_PORT", String.valueOf(freePort()));
		this.environment.put("DCF_STANDALONE_HTTP_PORT", String.valueOf(freePort()));
		this.environment.put("DCF_ADMIN_USER", "admin");
		this.environment.put("DCF_ADMIN_PASSWORD", this.password);
		// the reactor has just built the jar this test runs
		this.environment.put("DCF_SKIP_BUILD", "1");

		Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
		URI url = startLauncher(firstLog);
		HandlerClient api = new HandlerClient(url, "admin", this.password);
		String topic = "e2e-sensors-" + UUID.randomUUID().toString().substring(0, 8);

		HandlerClient.Response created = api.post("/api/jobs", sampleJob(topic));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String jobId = created.json().path("id").asString();

		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		// as a user's own tool would: with the login the launcher wrote
		try (KafkaConsumer<String, String> consumer = consumer("localhost:" + kafkaPort,
				dataDir.resolve("kafka-client.properties"))) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(DURATION_SECONDS + 90)).pollInterval(Duration.ofMillis(200)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
				return "COMPLETED".equals(state(api, jobId));
			});
			// what was produced before the stop and not yet read
			for (int i = 0; i < 5; i++) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
		}

		Map<Integer, List<Instant>> timestampsByContainer = new LinkedHashMap<>();
		for (ConsumerRecord<String, String> record : records) {
			JsonNode reading = JSON.readTree(record.value());
			String device = reading.path("deviceId").asString();
			assertThat(record.key()).isEqualTo(device);
			assertThat(device).matches("sensor-[01]-\\d+");
			int container = Integer.parseInt(device.split("-")[1]);
			timestampsByContainer.computeIfAbsent(container, (c) -> new ArrayList<>())
				.add(Instant.parse(reading.path("timestamp").asString()));
		}
		assertThat(timestampsByContainer).as("records per container").containsOnlyKeys(0, 1);
		timestampsByContainer.forEach((container, timestamps) -> {
			// rate = records over the time they span, by the generator's own clock
			Duration span = Duration.between(timestamps.stream().min(Instant::compareTo).orElseThrow(),
					timestamps.stream().max(Instant::compareTo).orElseThrow());
			assertThat(span).as("container %d produced over", container).isGreaterThan(Duration.ofSeconds(10));
			double rate = (timestamps.size() - 1) / (span.toMillis() / 1000.0);
			assertThat(rate).as("records per second of container %d", container).isBetween(RATE * 0.6, RATE * 1.4);
		});
		assertThat(managedContainersOf(jobId)).as("containers of the job after COMPLETED").isEmpty();

		assertThat(interruptAndWait()).as("exit code after Ctrl-C; log:%n%s", tail(firstLog)).isZero();
		// inside the launcher's own jar each app still reads its own application.yaml
		assertThat(Files.readString(firstLog)).contains("Started the job handler (dcf-job-handler")
			.contains("Started the agent (dcf-container-agent")
			.contains("DCF stopped");

		Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
		URI again = startLauncher(secondLog);
		HandlerClient restarted = new HandlerClient(again, "admin", this.password);
		HandlerClient.Response listed = restarted.get("/api/jobs/" + jobId);
		assertThat(listed.status()).as(listed.body()).isEqualTo(200);
		assertThat(listed.json().path("state").asString()).isEqualTo("COMPLETED");

		// Ctrl-C while the job runs: its containers are stopped and
		// removed with the agent
		HandlerClient.Response started = restarted.post("/api/jobs/" + jobId + "/start", Map.of());
		assertThat(started.status()).as(started.body()).isBetween(200, 299);
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "RUNNING".equals(state(restarted, jobId)));
		assertThat(managedContainersOf(jobId)).as("containers of the running job").hasSize(CONTAINERS);
		assertThat(interruptAndWait()).as("exit code after the second Ctrl-C; log:%n%s", tail(secondLog)).isZero();
		assertThat(managedContainersOf(jobId)).as("containers of the job after Ctrl-C").isEmpty();
	}

	private Map<String, Object> sampleJob(String topic) {
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("name", "e2e sample generator");
		job.put("image", TestImages.GENERATOR);
		job.put("topic", topic);
		job.put("containers", CONTAINERS);
		job.put("cpuLimit", 0.5);
		job.put("memoryLimitMb", 256);
		job.put("durationSeconds", DURATION_SECONDS);
		job.put("env", Map.of("RATE", String.valueOf(RATE)));
		job.put("start", true);
		return job;
	}

	/**
	 * Starts {@code ./dcf} and waits for its ready message. Perl resets SIGINT to its
	 * default first: a JVM started from a background job inherits "ignore SIGINT" and
	 * could not react to Ctrl-C.
	 */
	private URI startLauncher(Path log) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!",
				this.root.resolve("dcf").toString())
			.directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(this.environment);
		this.launcher = builder.start();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			String output = Files.readString(log, StandardCharsets.UTF_8);
			if (output.contains(Ready.HEADLINE)) {
				return URI.create("http://localhost:" + this.environment.get("DCF_STANDALONE_HTTP_PORT"));
			}
			assertThat(this.launcher.isAlive()).as("launcher still running; its log:%n%s", tail(log)).isTrue();
			Thread.sleep(500);
		}
		throw new AssertionError("./dcf not ready within " + READY_TIMEOUT + "; its log:\n" + tail(log));
	}

	private int interruptAndWait() throws IOException, InterruptedException {
		// what Ctrl-C sends; bash's kill, since procps may not be installed
		int kill = Commands.SYSTEM.run(
				List.of("bash", "-c", "kill -INT \"$1\"", "kill", String.valueOf(this.launcher.pid())), null,
				Duration.ofSeconds(10), (line) -> {
				});
		assertThat(kill).isZero();
		assertThat(this.launcher.waitFor(2, TimeUnit.MINUTES)).as("launcher ended after SIGINT").isTrue();
		return this.launcher.exitValue();
	}

	private static String state(HandlerClient api, String jobId) {
		HandlerClient.Response job = api.get("/api/jobs/" + jobId);
		assertThat(job.status()).as(job.body()).isEqualTo(200);
		String state = job.json().path("state").asString();
		assertThat(state).as("job state (%s)", job.body()).isNotIn("FAILED", "LOST");
		return state;
	}

	private static List<String> managedContainersOf(String jobId) throws IOException {
		List<String> ids = new ArrayList<>();
		int exit = Commands.SYSTEM.run(List.of("docker", "ps", "-a", "-q", "--filter", "label=dcf.job-id=" + jobId),
				null, Duration.ofSeconds(30), ids::add);
		assertThat(exit).isZero();
		return ids;
	}

	private static KafkaConsumer<String, String> consumer(String bootstrapServers, Path login) throws IOException {
		Properties properties = new Properties();
		try (var reader = Files.newBufferedReader(login)) {
			properties.load(reader);
		}
		assertThat(properties).containsEntry("security.protocol", "SASL_PLAINTEXT");
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		return new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

}
