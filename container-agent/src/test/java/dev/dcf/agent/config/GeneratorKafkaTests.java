package dev.dcf.agent.config;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorKafkaTests {

	@Test
	void containersGetTheAgentsAddressesWhenNoneOfTheirOwnAreSetButNeverTheAgentsRegistryLogin() {
		GeneratorKafka kafka = GeneratorKafka.resolve(" ", List.of("localhost:9092", "localhost:9093"), null,
				"http://dcf-agent:agent-secret@localhost:8081/");

		assertThat(kafka.bootstrapServers()).isEqualTo("localhost:9092,localhost:9093");
		assertThat(kafka.schemaRegistryUrl()).isEqualTo("http://localhost:8081");
	}

	@Test
	void theGeneratorSettingsWinAndNoRegistryMeansNone() {
		assertThat(
				GeneratorKafka.resolve("kafka:9094", List.of("localhost:9092"), "http://registry:8081", "http://x:1"))
			.isEqualTo(new GeneratorKafka("kafka:9094", "http://registry:8081"));
		assertThat(GeneratorKafka.resolve(null, List.of("localhost:9092"), null, null).schemaRegistryUrl()).isNull();
	}

}
