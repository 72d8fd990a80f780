package dev.dcf.generator.app;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.schemes.registry.RegistryClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AppConfigTests {

	private static final Map<String, String> MINIMAL = Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
			"KAFKA_TOPIC", "readings");

	private static AppConfig parse(Map<String, String> extra) {
		Map<String, String> env = new HashMap<>(MINIMAL);
		env.putAll(extra);
		return AppConfig.fromEnvironment(env, () -> 42);
	}

	@Test
	void defaultsApplyWhenOnlyTheContractVariablesAreSet() {
		AppConfig config = parse(Map.of());

		assertThat(config.rate()).isEqualTo(10);
		assertThat(config.format()).isNull();
		assertThat(config.maxRecords()).isEmpty();
		assertThat(config.containerIndex()).isZero();
		assertThat(config.containerCount()).isEqualTo(1);
		assertThat(config.seed()).isEqualTo(42);
		assertThat(config.producerOverrides()).isEmpty();
	}

	@Test
	void fractionalAndUnlimitedRatesAreAccepted() {
		assertThat(parse(Map.of("RATE", "0.25")).rate()).isEqualTo(0.25);
		assertThat(parse(Map.of("RATE", "unlimited")).unlimited()).isTrue();
	}

	@Test
	void theSeedComesFromTheJobIdAndIsTheSameForEveryContainer() {
		AppConfig first = parse(Map.of("DCF_JOB_ID", "job-1", "DCF_CONTAINER_INDEX", "0", "DCF_CONTAINER_COUNT", "2"));
		AppConfig second = parse(Map.of("DCF_JOB_ID", "job-1", "DCF_CONTAINER_INDEX", "1", "DCF_CONTAINER_COUNT", "2"));

		assertThat(first.seed()).isEqualTo(second.seed()).isEqualTo(AppConfig.jobSeed("job-1")).isNotEqualTo(42);
		assertThat(parse(Map.of("DCF_JOB_ID", "job-1", "SEED", "7")).seed()).isEqualTo(7);
	}

	@Test
	void producerOverridesAreReadFromKafkaProducerVariables() {
		AppConfig config = parse(Map.of("KAFKA_PRODUCER_LINGER_MS", "0", "KAFKA_PRODUCER_COMPRESSION_TYPE", "lz4"));

		assertThat(config.producerOverrides()).containsEntry("linger.ms", "0").containsEntry("compression.type", "lz4");
		assertThat(KafkaSink.settings(config)).containsEntry("linger.ms", "0")
			.containsEntry("acks", "1")
			.containsEntry("batch.size", "65536")
			.containsEntry("compression.type", "lz4");
	}

	@Test
	void everyBadVariableIsReportedAtOnce() {
		Map<String, String> env = new HashMap<>();
		env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost");
		env.put("KAFKA_TOPIC", "no spaces");
		env.put("RATE", "-5");
		env.put("FORMAT", "xml");
		env.put("MAX_RECORDS", "0");
		env.put("DCF_CONTAINER_INDEX", "2");
		env.put("DCF_CONTAINER_COUNT", "2");
		env.put("SEED", "abc");
		env.put("KAFKA_PRODUCER_LINGER", "5");
		env.put("KAFKA_PRODUCER_KEY_SERIALIZER", "x");

		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> AppConfig.fromEnvironment(env, () -> 1))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(9)
				.anySatisfy((p) -> assertThat(p).startsWith("KAFKA_BOOTSTRAP_SERVERS must be host:port"))
				.anySatisfy((p) -> assertThat(p).startsWith("KAFKA_TOPIC 'no spaces' is not a legal"))
				.anySatisfy((p) -> assertThat(p).startsWith("RATE must be a positive number").contains("'-5'"))
				.anySatisfy((p) -> assertThat(p).isEqualTo("FORMAT must be json, avro or string, got 'xml'"))
				.anySatisfy((p) -> assertThat(p).startsWith("MAX_RECORDS must be a whole number from 1"))
				.anySatisfy((p) -> assertThat(p).startsWith("DCF_CONTAINER_INDEX must be below DCF_CONTAINER_COUNT"))
				.anySatisfy((p) -> assertThat(p).startsWith("SEED must be a whole number"))
				.anySatisfy((p) -> assertThat(p)
					.isEqualTo("KAFKA_PRODUCER_LINGER names no Kafka producer setting ('linger')"))
				.anySatisfy((p) -> assertThat(p).startsWith("KAFKA_PRODUCER_KEY_SERIALIZER cannot be overridden")));
	}

	@Test
	void missingContractVariablesAreNamed() {
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> AppConfig.fromEnvironment(Map.of(), () -> 1))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly(
					"KAFKA_BOOTSTRAP_SERVERS is required (host:port of the Kafka brokers)",
					"KAFKA_TOPIC is required (the topic to write to)"));
	}

	@Test
	void theRunsCredentialsFromTheContractVariablesReachTheProducerAndWinOverOverrides() {
		String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";";
		AppConfig config = parse(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM",
				"SCRAM-SHA-512", "KAFKA_SASL_JAAS_CONFIG", jaas, "KAFKA_PRODUCER_SECURITY_PROTOCOL", "PLAINTEXT"));

		assertThat(KafkaSink.settings(config)).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", jaas);
		assertThat(parse(Map.of()).clientSecurity()).isEmpty();
	}

	@Test
	void aSaslProtocolWithoutCredentialsOrAnUnknownProtocolIsRefused() {
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> parse(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")))
			.satisfies((ex) -> assertThat(ex.problems())
				.containsExactly("KAFKA_SASL_JAAS_CONFIG is required with KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT"));
		assertThatExceptionOfType(InvalidConfigException.class)
			.isThrownBy(() -> parse(Map.of("KAFKA_SECURITY_PROTOCOL", "KERBEROS")))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement()
				.asString()
				.startsWith("KAFKA_SECURITY_PROTOCOL must be"));
	}

	@Test
	void theRunsRegistryCredentialsGoIntoTheRegistryUrlAndNeverIntoItsText() {
		AppConfig config = parse(
				Map.of("SCHEMA_REGISTRY_URL", "http://localhost:8081", "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO",
						"dcf-run-j-1:s3cret-password", "KAFKA_SASL_JAAS_CONFIG", "x password=\"kafka-secret\";",
						"KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));

		assertThat(RegistryClientConfig.of(config.registryUrl()).basicAuthCredentials())
			.hasValue("dcf-run-j-1:s3cret-password");
		assertThat(config.toString()).contains("http://localhost:8081")
			.doesNotContain("s3cret")
			.doesNotContain("kafka-secret");
	}

}
