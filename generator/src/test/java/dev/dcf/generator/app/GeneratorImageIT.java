package dev.dcf.generator.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code dcf/generator} image (jlink-ed JRE, built offline) against the embedded
 * broker, over host networking as the agent runs it in standalone DCF.
 */
@RequiresDocker
class GeneratorImageIT {

	private static final Pattern SUMMARY = Pattern
		.compile("Stopped after (\\d+) records: (\\d+) acknowledged, 0 failed");

	private final DockerCli docker = new DockerCli();

	@BeforeAll
	static void buildImages() {
		TestImages.ensureBuilt();
	}

	@AfterEach
	void removeContainers() {
		this.docker.removeAll();
	}

	@Test
	void aStoppedGeneratorFlushesEverythingItSentAndExitsZero() throws Exception {
		String topic = Topics.create("generator-image");
		String name = this.docker.newContainerName("generator");
		this.docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + Topics.bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e",
				"GENERATOR_TEMPLATE={\"probe\": true}", "-e", "RATE=2000", TestImages.BUILTIN_GENERATOR);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.docker.logs(name).contains("records in the last second") || !running(name));
		assertThat(running(name)).as(this.docker.logs(name)).isTrue();

		this.docker.checked("stop", "-t", "10", name);

		String logs = this.docker.logs(name);
		assertThat(this.docker.exitCode(name)).as(logs).isZero();
		Matcher summary = SUMMARY.matcher(logs);
		assertThat(summary.find()).as(logs).isTrue();
		long sent = Long.parseLong(summary.group(1));
		assertThat(sent).isPositive();
		assertThat(Long.parseLong(summary.group(2))).as("acknowledged").isEqualTo(sent);
		List<ConsumerRecord<byte[], byte[]>> records = Topics.consume(topic, sent);
		assertThat(records).hasSize((int) sent);
		assertThat(new ObjectMapper().readTree(new String(records.get(0).value(), StandardCharsets.UTF_8))
			.get("probe")
			.asBoolean()).isTrue();
	}

	@Test
	void aBadSpecExitsWithCodeTwoAndSaysWhere() {
		String name = this.docker.newContainerName("generator");

		DockerCli.Result result = this.docker.docker("run", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + Topics.bootstrapServers(), "-e", "KAFKA_TOPIC=t", "-e",
				"GENERATOR_TEMPLATE={\"a\": }", TestImages.BUILTIN_GENERATOR);

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("GENERATOR_TEMPLATE (line 1, column 7): the template is not JSON");
	}

	private boolean running(String container) {
		return "true".equals(this.docker.checked("inspect", "--format", "{{.State.Running}}", container));
	}

}
