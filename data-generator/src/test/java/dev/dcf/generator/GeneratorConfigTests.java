package dev.dcf.generator;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GeneratorConfigTests {

	private static final long TIME_SEED = 4242;

	@Test
	void appliesDefaultsWhenOnlyRequiredVariablesAreSet() {
		GeneratorConfig config = parse(required());

		assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
		assertThat(config.topic()).isEqualTo("sensors");
		assertThat(config.rate()).isEqualTo(10);
		assertThat(config.devices()).isEqualTo(5);
		assertThat(config.maxRecords()).isEmpty();
		assertThat(config.containerIndex()).isZero();
		assertThat(config.jobId()).isEmpty();
		assertThat(config.seed()).isEqualTo(TIME_SEED);
	}

	@Test
	void readsEveryOptionalVariable() {
		Map<String, String> env = required();
		env.put("RATE", "2.5");
		env.put("SEED", "-17");
		env.put("DEVICES", "12");
		env.put("MAX_RECORDS", "40");
		env.put("DCF_JOB_ID", "job-1");
		env.put("DCF_CONTAINER_INDEX", "3");

		GeneratorConfig config = parse(env);

		assertThat(config.rate()).isEqualTo(2.5);
		assertThat(config.seed()).isEqualTo(-17);
		assertThat(config.devices()).isEqualTo(12);
		assertThat(config.maxRecords()).isEqualTo(OptionalLong.of(40));
		assertThat(config.jobId()).isEqualTo("job-1");
		assertThat(config.containerIndex()).isEqualTo(3);
	}

	@Test
	void fallsBackToTheOriginalSystemsDockerBootstrapVariable() {
		Map<String, String> env = required();
		env.remove("KAFKA_BOOTSTRAP_SERVERS");
		env.put("KAFKA_BOOTSTRAP_SERVERS_DOCKER", "kafka:29092");

		assertThat(parse(env).bootstrapServers()).isEqualTo("kafka:29092");
	}

	@Test
	void prefersKafkaBootstrapServersOverTheDockerFallback() {
		Map<String, String> env = required();
		env.put("KAFKA_BOOTSTRAP_SERVERS_DOCKER", "kafka:29092");

		assertThat(parse(env).bootstrapServers()).isEqualTo("localhost:9092");
	}

	@Test
	void acceptsSeveralBootstrapServers() {
		Map<String, String> env = required();
		env.put("KAFKA_BOOTSTRAP_SERVERS", "a:9092, b.example.com:19092");

		assertThat(parse(env).bootstrapServers()).isEqualTo("a:9092, b.example.com:19092");
	}

	@Test
	void reportsEveryMissingRequiredVariableAtOnce() {
		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> parse(new HashMap<>()))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(2))
			.withMessageContaining("KAFKA_BOOTSTRAP_SERVERS is required")
			.withMessageContaining("KAFKA_TOPIC is required");
	}

	@Test
	void treatsBlankValuesAsMissing() {
		Map<String, String> env = required();
		env.put("KAFKA_TOPIC", "  ");

		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> parse(env))
			.withMessageContaining("KAFKA_TOPIC is required");
	}

	@Test
	void rejectsBootstrapServersWithoutPort() {
		Map<String, String> env = required();
		env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost");

		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> parse(env))
			.withMessageContaining("KAFKA_BOOTSTRAP_SERVERS must be host:port");
	}

	@Test
	void rejectsIllegalTopicNames() {
		for (String topic : new String[] { "has space", "slash/topic", "..", "x".repeat(250) }) {
			Map<String, String> env = required();
			env.put("KAFKA_TOPIC", topic);

			assertThatExceptionOfType(InvalidConfigException.class).as(topic)
				.isThrownBy(() -> parse(env))
				.withMessageContaining("not a legal Kafka topic name");
		}
	}

	@Test
	void rejectsRatesThatAreNotPositiveNumbers() {
		for (String rate : new String[] { "fast", "0", "-1", "NaN", "1e9" }) {
			Map<String, String> env = required();
			env.put("RATE", rate);

			assertThatExceptionOfType(InvalidConfigException.class).as(rate)
				.isThrownBy(() -> parse(env))
				.withMessageContaining("RATE must be a number");
		}
	}

	@Test
	void rejectsInvalidWholeNumbers() {
		Map<String, String> env = required();
		env.put("DEVICES", "0");
		env.put("MAX_RECORDS", "ten");
		env.put("SEED", "1.5");
		env.put("DCF_CONTAINER_INDEX", "-1");

		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> parse(env))
			.satisfies((ex) -> assertThat(ex.problems()).hasSize(4))
			.withMessageContaining("DEVICES must be a whole number from 1")
			.withMessageContaining("MAX_RECORDS must be a whole number")
			.withMessageContaining("SEED must be a whole number")
			.withMessageContaining("DCF_CONTAINER_INDEX must be a whole number from 0");
	}

	@Test
	void derivesTheSeedFromJobAndContainerIndexWhenNoSeedIsGiven() {
		Map<String, String> first = required();
		first.put("DCF_JOB_ID", "0b8e7a52-job");
		first.put("DCF_CONTAINER_INDEX", "0");
		Map<String, String> second = new HashMap<>(first);
		second.put("DCF_CONTAINER_INDEX", "1");

		long seed = parse(first).seed();

		assertThat(seed).isEqualTo(GeneratorConfig.derivedSeed("0b8e7a52-job", 0)).isNotEqualTo(TIME_SEED);
		assertThat(parse(new HashMap<>(first)).seed()).as("same job and index").isEqualTo(seed);
		assertThat(parse(second).seed()).as("other container of the job").isNotEqualTo(seed);
	}

	@Test
	void explicitSeedWinsOverTheDerivedOne() {
		Map<String, String> env = required();
		env.put("DCF_JOB_ID", "job");
		env.put("SEED", "7");

		assertThat(parse(env).seed()).isEqualTo(7);
	}

	private static GeneratorConfig parse(Map<String, String> env) {
		return GeneratorConfig.fromEnvironment(env, () -> TIME_SEED);
	}

	private static Map<String, String> required() {
		Map<String, String> env = new HashMap<>();
		env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
		env.put("KAFKA_TOPIC", "sensors");
		return env;
	}

	@Test
	void kafkaAuthenticationComesFromTheContractVariables() {
		Map<String, String> env = required();
		env.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
		env.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
		env.put("KAFKA_SASL_JAAS_CONFIG", "ScramLoginModule required;");

		assertThat(parse(env).clientSecurity()).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", "ScramLoginModule required;");
		env.remove("KAFKA_SASL_JAAS_CONFIG");
		assertThatExceptionOfType(InvalidConfigException.class).isThrownBy(() -> parse(env))
			.satisfies((ex) -> assertThat(ex.problems())
				.containsExactly("KAFKA_SASL_JAAS_CONFIG is required with KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT"));
	}

}
