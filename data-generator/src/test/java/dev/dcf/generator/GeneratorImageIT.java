package dev.dcf.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.dcf.testsupport.ScratchTopics;
import dev.dcf.testsupport.GeneratorStop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample generator image (jlink-ed JRE, built offline) against the embedded broker,
 * over host networking as in standalone DCF.
 */
@RequiresDocker
class GeneratorImageIT {

	@RegisterExtension
	static final DockerCli docker = DockerCli.withTestImages();

	private final ObjectMapper json = new ObjectMapper();

	private final List<String> images = new ArrayList<>();

	@AfterEach
	void removeImages() {
		for (String image : this.images) {
			docker.docker("rmi", "-f", image);
		}
	}

	@Test
	void writesMaxRecordsJsonReadingsKeyedByDeviceAndExitsZero() throws Exception {
		String topic = ScratchTopics.create("generator-it");
		String name = docker.newContainerName("generator");

		docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e",
				"RATE=20", "-e", "MAX_RECORDS=40", TestImages.GENERATOR);

		assertThat(docker.waitForExit(name, Duration.ofSeconds(90))).as(docker.logs(name)).isZero();
		List<ConsumerRecord<String, String>> records = ScratchTopics.consumeStrings(topic, 40);
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
		String topic = ScratchTopics.create("generator-it");
		String name = docker.newContainerName("generator");
		docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e",
				"RATE=50", TestImages.GENERATOR);

		long sent = GeneratorStop.stopWhileWriting(docker, name, "acknowledged)");

		List<ConsumerRecord<String, String>> records = ScratchTopics.consumeStrings(topic, sent);
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
		DockerCli.Result build = docker.docker(Duration.ofMinutes(3), "build", "--build-arg",
				"BASE_IMAGE=" + TestImages.GENERATOR, "-t", image, ".");
		assertThat(build.exitCode()).as(build.output()).isZero();
		String topic = ScratchTopics.create("generator-it");
		String name = docker.newContainerName("generator");

		docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e",
				"MAX_RECORDS=5", image);

		assertThat(docker.waitForExit(name, Duration.ofSeconds(90))).as(docker.logs(name)).isZero();
		assertThat(ScratchTopics.consumeStrings(topic, 5)).hasSize(5);
	}

	@Test
	void exitsWithCodeTwoAndNamesTheMissingVariable() {
		String name = docker.newContainerName("generator");

		DockerCli.Result result = docker.docker("run", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), TestImages.GENERATOR);

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("KAFKA_TOPIC is required");
	}

	private static List<Long> range(long first, long last) {
		List<Long> values = new ArrayList<>();
		for (long value = first; value <= last; value++) {
			values.add(value);
		}
		return values;
	}

}
