package dev.dcf.standalone.embedded;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SchemaRegistryMainTests {

	@Test
	void readsTheVariablesOfTheComposeFile() {
		EmbeddedSchemaRegistry registry = SchemaRegistryMain
			.fromEnvironment(Map.of("SCHEMA_REGISTRY_HOST_NAME", "schema-registry", "SCHEMA_REGISTRY_LISTENERS",
					"http://0.0.0.0:18081", "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9092",
					"SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_schemas"))
			.build();

		assertThat(registry.url()).isEqualTo("http://0.0.0.0:18081");
	}

	@Test
	void authenticatesToKafkaAsConfluentsVariablesSay() {
		String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"dcf\" "
				+ "password=\"a-password-of-16-chars\";";
		EmbeddedSchemaRegistry registry = SchemaRegistryMain
			.fromEnvironment(Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "SASL_PLAINTEXT://kafka:9092",
					"SCHEMA_REGISTRY_KAFKASTORE_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
					"SCHEMA_REGISTRY_KAFKASTORE_SASL_MECHANISM", "PLAIN", "SCHEMA_REGISTRY_KAFKASTORE_SASL_JAAS_CONFIG",
					jaas))
			.build();

		assertThat(registry.kafkaClientProperties()).containsExactlyInAnyOrderEntriesOf(
				Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN", "sasl.jaas.config", jaas));
	}

	@Test
	void withoutTheVariablesItsKafkaClientDoesNotAuthenticate() {
		EmbeddedSchemaRegistry registry = SchemaRegistryMain
			.fromEnvironment(Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:9092"))
			.build();

		assertThat(registry.kafkaClientProperties()).isEmpty();
	}

	@Test
	void listensOn8081ByDefault() {
		EmbeddedSchemaRegistry registry = SchemaRegistryMain
			.fromEnvironment(Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:9092"))
			.build();

		assertThat(registry.url()).isEqualTo("http://0.0.0.0:8081");
	}

	@Test
	void needsKafka() {
		assertThatIllegalArgumentException().isThrownBy(() -> SchemaRegistryMain.fromEnvironment(Map.of()))
			.withMessageContaining("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS");
	}

	@Test
	void takesWritesOnlyFromKafkaUsersWhenAskedTo() {
		Map<String, String> kafka = Map.of("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "kafka:9092");
		assertThat(SchemaRegistryMain.fromEnvironment(kafka).build().authorizesWrites()).isFalse();
		Map<String, String> authorized = new HashMap<>(kafka);
		authorized.put("DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES", "TRUE");
		assertThat(SchemaRegistryMain.fromEnvironment(authorized).build().authorizesWrites()).isTrue();
		authorized.put("DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES", "yes");
		assertThatIllegalArgumentException().isThrownBy(() -> SchemaRegistryMain.fromEnvironment(authorized))
			.withMessage("DCF_SCHEMA_REGISTRY_AUTHORIZE_WRITES must be true or false, was yes");
	}

}
