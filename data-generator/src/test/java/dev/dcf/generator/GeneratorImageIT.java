package dev.dcf.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample generator image (jlink-ed JRE, built offline) against the embedded broker,
 * over host networking as in standalone DCF.
 */
@RequiresDocker
class GeneratorImageIT {

	private static final Pattern SUMMARY = Pattern
		.compile("Stopped after (\\d+) records: (\\d+) acknowledged, 0 failed");

	private final DockerCli docker = new DockerCli();

	private final ObjectMapper json = new ObjectMapper();

	private final List<String> images = new ArrayList<>();

	@BeforeAll
	static void buildImages() {
		TestImages.ensureBuilt();
	}

	@AfterEach
	void removeContainersAndImages() {
		this.docker.removeAll();
		for (String image : this.images) {
			this.docker.docker("rmi", "-f", image);
		}
	}

	@Test
	void writesMaxRecordsJsonReadingsKeyedByDeviceAndExitsZero() throws Exception {
		String topic = createTopic();
		String name = this.docker.newContainerName("generator");

		this.docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e", "RATE=20", "-e",
				"MAX_RECORDS=40", TestImages.GENERATOR);

		assertThat(this.docker.waitForExit(name, Duration.ofSeconds(90))).as(this.docker.logs(name)).isZero();
		List<ConsumerRecord<String, String>> records = consume(topic, 40);
		assertThat(records).hasSize(40);
		List<Long> sequences = new ArrayList<>();
		for (ConsumerRecord<String, String> record : records) {
			JsonNode reading = this.json.readTree(record.value());
			assertThat(reading.get("deviceId").asText()).isEqualTo(record.key()).matches("sensor-0-0[1-5]");
			assertThat(Instant.parse(reading.get("timestamp").asText())).isBefore(Instant.now());
			for (String number : List.of("temperature", "humidity", "pressure", "battery")) {
				assertThat(reading.get(number).isNumber()).as(number).isTrue();
			}
			sequences.add(reading.get("sequence").asLong());
		}
		assertThat(sequences).containsExactlyInAnyOrderElementsOf(range(1, 40));
		assertThat(records).extracting(ConsumerRecord::key)
			.containsOnly("sensor-0-01", "sensor-0-02", "sensor-0-03", "sensor-0-04", "sensor-0-05");
	}

	@Test
	void flushesEverythingItSentAndExitsZeroWhenStopped() throws Exception {
		String topic = createTopic();
		String name = this.docker.newContainerName("generator");
		this.docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e", "RATE=50",
				TestImages.GENERATOR);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.docker.logs(name).contains("acknowledged)") || !running(name));
		assertThat(running(name)).as(this.docker.logs(name)).isTrue();

		this.docker.checked("stop", "-t", "10", name);

		String logs = this.docker.logs(name);
		assertThat(this.docker.exitCode(name)).as(logs).isZero();
		Matcher summary = SUMMARY.matcher(logs);
		assertThat(summary.find()).as(logs).isTrue();
		long sent = Long.parseLong(summary.group(1));
		assertThat(Long.parseLong(summary.group(2))).as("acknowledged").isEqualTo(sent);
		List<ConsumerRecord<String, String>> records = consume(topic, sent);
		assertThat(records).hasSize((int) sent);
		assertThat(records).extracting((record) -> this.json.readTree(record.value()).get("sequence").asLong())
			.containsExactlyInAnyOrderElementsOf(range(1, sent));
	}

	@Test
	void dockerfileBuildsAWorkingImageOnAnyJavaBase() throws Exception {
		// the offline image stands in for eclipse-temurin: it has java on PATH, and
		// nothing is pulled
		String image = "dcf-test/generator-dockerfile:" + UUID.randomUUID().toString().substring(0, 8);
		this.images.add(image);
		DockerCli.Result build = this.docker.docker(Duration.ofMinutes(3), "build", "--build-arg",
				"BASE_IMAGE=" + TestImages.GENERATOR, "-t", image, ".");
		assertThat(build.exitCode()).as(build.output()).isZero();
		String topic = createTopic();
		String name = this.docker.newContainerName("generator");

		this.docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e", "MAX_RECORDS=5",
				image);

		assertThat(this.docker.waitForExit(name, Duration.ofSeconds(90))).as(this.docker.logs(name)).isZero();
		assertThat(consume(topic, 5)).hasSize(5);
	}

	@Test
	void exitsWithCodeTwoAndNamesTheMissingVariable() {
		String name = this.docker.newContainerName("generator");

		DockerCli.Result result = this.docker.docker("run", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + bootstrapServers(), TestImages.GENERATOR);

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("KAFKA_TOPIC is required");
	}

	private boolean running(String container) {
		return "true".equals(this.docker.checked("inspect", "--format", "{{.State.Running}}", container));
	}

	private static String bootstrapServers() {
		return SharedInfrastructure.get().bootstrapServers();
	}

	private static String createTopic() throws Exception {
		String topic = "generator-it-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}
		return topic;
	}

	/**
	 * Reads the topic from the start until {@code expected} records arrived, then a
	 * little longer to catch any extra (duplicate) records.
	 */
	private static List<ConsumerRecord<String, String>> consume(String topic, long expected) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "generator-it-" + UUID.randomUUID());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		return records;
	}

	private static List<Long> range(long first, long last) {
		List<Long> values = new ArrayList<>();
		for (long value = first; value <= last; value++) {
			values.add(value);
		}
		return values;
	}

}
