package dev.dcf.schemes.serde;

import java.time.Duration;
import java.util.Map;

import dev.dcf.schemes.avro.JobStatus;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroSerdeConfigTests {

	@Test
	void registryUrlIsRequired() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
			.withMessageContaining(AvroSerdeConfig.REGISTRY_URL);
	}

	@Test
	void invalidRegistryUrlIsAConfigException() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new AvroSerializer<>().configure(Map.of(AvroSerdeConfig.REGISTRY_URL, "ftp://x"), false))
			.withMessageContaining("http or https");
	}

	@Test
	void deserializerNeedsTheGeneratedClassOfItsValuesOrKeys() {
		Map<String, Object> url = Map.of(AvroSerdeConfig.REGISTRY_URL, "http://localhost:8081");

		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> new AvroDeserializer<>().configure(url, false))
			.withMessageContaining(AvroSerdeConfig.VALUE_TYPE);
		assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> new AvroDeserializer<>().configure(url, true))
			.withMessageContaining(AvroSerdeConfig.KEY_TYPE);
	}

	@Test
	void recordTypeMayBeAClassOrItsName() {
		assertThat(AvroSerdeConfig.<JobStatus>recordType(Map.of(AvroSerdeConfig.VALUE_TYPE, JobStatus.class), false))
			.isEqualTo(JobStatus.class);
		assertThat(AvroSerdeConfig
			.<JobStatus>recordType(Map.of(AvroSerdeConfig.KEY_TYPE, " " + JobStatus.class.getName()), true))
			.isEqualTo(JobStatus.class);
	}

	@Test
	void recordTypeMustExistAndBeGenerated() {
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.recordType(Map.of(AvroSerdeConfig.VALUE_TYPE, "dev.dcf.Nope"), false))
			.withMessageContaining("class not found");
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.recordType(Map.of(AvroSerdeConfig.VALUE_TYPE, String.class), false))
			.withMessageContaining("not a generated Avro class");
	}

	@Test
	void autoRegisterDefaultsToTheFallbackAndAcceptsOnlyBooleans() {
		assertThat(AvroSerdeConfig.autoRegister(Map.of(), true)).isTrue();
		assertThat(AvroSerdeConfig.autoRegister(Map.of(AvroSerdeConfig.AUTO_REGISTER, "FALSE"), true)).isFalse();
		assertThat(AvroSerdeConfig.autoRegister(Map.of(AvroSerdeConfig.AUTO_REGISTER, true), false)).isTrue();
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.autoRegister(Map.of(AvroSerdeConfig.AUTO_REGISTER, "yes"), true));
	}

	@Test
	void timeoutsAcceptDurationsIsoTextSuffixesAndMillis() {
		String key = AvroSerdeConfig.REQUEST_TIMEOUT;
		Duration fallback = Duration.ofSeconds(10);

		assertThat(AvroSerdeConfig.duration(Map.of(), key, fallback)).isEqualTo(fallback);
		assertThat(AvroSerdeConfig.duration(Map.of(key, Duration.ofSeconds(3)), key, fallback)).hasSeconds(3);
		assertThat(AvroSerdeConfig.duration(Map.of(key, "PT2S"), key, fallback)).hasSeconds(2);
		assertThat(AvroSerdeConfig.duration(Map.of(key, "5s"), key, fallback)).hasSeconds(5);
		assertThat(AvroSerdeConfig.duration(Map.of(key, "750ms"), key, fallback)).hasMillis(750);
		assertThat(AvroSerdeConfig.duration(Map.of(key, 1500), key, fallback)).hasMillis(1500);
		assertThat(AvroSerdeConfig.duration(Map.of(key, "1500"), key, fallback)).hasMillis(1500);
		assertThatExceptionOfType(ConfigException.class)
			.isThrownBy(() -> AvroSerdeConfig.duration(Map.of(key, "soon"), key, fallback))
			.withMessageContaining(key);
	}

	@Test
	void serdesWithTheSameRegistrySettingsShareOneClient() {
		Map<String, Object> configs = Map.of(AvroSerdeConfig.REGISTRY_URL, "http://localhost:18081");

		assertThat(AvroSerdeConfig.registryClient(configs)).isSameAs(AvroSerdeConfig.registryClient(configs));
		assertThat(AvroSerdeConfig.registryClient(
				Map.of(AvroSerdeConfig.REGISTRY_URL, "http://localhost:18081", AvroSerdeConfig.REQUEST_TIMEOUT, "1s")))
			.isNotSameAs(AvroSerdeConfig.registryClient(configs));
	}

}
