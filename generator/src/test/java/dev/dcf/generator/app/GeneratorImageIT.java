package dev.dcf.generator.app;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.dcf.testsupport.ScratchTopics;
import dev.dcf.testsupport.GeneratorStop;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dcf/generator} image (jlink-ed JRE, built offline) against the embedded
 * broker, over host networking as the agent runs it in standalone DCF.
 */
@RequiresDocker
class GeneratorImageIT {

	@RegisterExtension
	static final DockerCli docker = DockerCli.withTestImages();

	@Test
	void aStoppedGeneratorFlushesEverythingItSentAndExitsZero() throws Exception {
		String topic = ScratchTopics.create("generator-image");
		String name = docker.newContainerName("generator");
		docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), "-e", "KAFKA_TOPIC=" + topic, "-e",
				"GENERATOR_TEMPLATE={\"probe\": true}", "-e", "RATE=2000", TestImages.BUILTIN_GENERATOR);

		long sent = GeneratorStop.stopWhileWriting(docker, name, "records in the last second");

		List<ConsumerRecord<byte[], byte[]>> records = ScratchTopics.consume(topic, sent);
		assertThat(records).hasSize((int) sent);
		assertThat(new ObjectMapper().readTree(new String(records.get(0).value(), StandardCharsets.UTF_8))
			.get("probe")
			.asBoolean()).isTrue();
	}

	@Test
	void aBadSpecExitsWithCodeTwoAndSaysWhere() {
		String name = docker.newContainerName("generator");

		DockerCli.Result result = docker.docker("run", "--network", "host", "--name", name, "-e",
				"KAFKA_BOOTSTRAP_SERVERS=" + ScratchTopics.bootstrapServers(), "-e", "KAFKA_TOPIC=t", "-e",
				"GENERATOR_TEMPLATE={\"a\": }", TestImages.BUILTIN_GENERATOR);

		assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
		assertThat(result.output()).contains("GENERATOR_TEMPLATE (line 1, column 7): the template is not JSON");
	}

}
