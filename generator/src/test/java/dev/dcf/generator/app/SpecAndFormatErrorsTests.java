package dev.dcf.generator.app;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link GeneratorRun#create} refuses before anything is sent (the image exits with
 * 2).
 */
class SpecAndFormatErrorsTests {

	private static InvalidConfigException refused(Map<String, String> extra) {
		Map<String, String> env = new HashMap<>(
				Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:1", "KAFKA_TOPIC", "readings"));
		env.putAll(extra);
		return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigException.class,
				() -> GeneratorRun.create(env, new BuiltInSpecs(), () -> 1));
	}

	@Test
	void exactlyOneSpecVariableMustBeSet() {
		assertThat(refused(Map.of()).problems()).containsExactly(
				"GENERATOR_QUICKSTART: exactly one of GENERATOR_QUICKSTART, GENERATOR_TEMPLATE and GENERATOR_SCHEMA must be set, got none");
		assertThat(refused(Map.of("GENERATOR_QUICKSTART", "sensor_readings", "GENERATOR_TEMPLATE", "{}")).problems())
			.singleElement()
			.asString()
			.endsWith("got GENERATOR_QUICKSTART, GENERATOR_TEMPLATE");
	}

	@Test
	void aTemplateThatIsNotJsonIsReportedWithItsPosition() {
		assertThat(refused(Map.of("GENERATOR_TEMPLATE", "{\n  \"a\": 1,\n  \"b\": }")).problems()).singleElement()
			.asString()
			.startsWith("GENERATOR_TEMPLATE (line 3, column 8): the template is not JSON");
	}

	@Test
	void anUnknownQuickstartIsNamed() {
		assertThat(refused(Map.of("GENERATOR_QUICKSTART", "weather")).problems()).singleElement()
			.asString()
			.startsWith("GENERATOR_QUICKSTART: unknown quickstart 'weather'");
	}

	@Test
	void avroNeedsASchemaAndARegistry() {
		assertThat(refused(Map.of("GENERATOR_TEMPLATE", "{}", "FORMAT", "avro")).problems())
			.anySatisfy((p) -> assertThat(p).startsWith("FORMAT=avro needs an Avro schema"))
			.anySatisfy((p) -> assertThat(p).startsWith("SCHEMA_REGISTRY_URL is required"));
		assertThat(
				refused(Map.of("GENERATOR_QUICKSTART", "sensor_readings", "SCHEMA_REGISTRY_URL", "ftp://x")).problems())
			.singleElement()
			.asString()
			.startsWith("SCHEMA_REGISTRY_URL: schema registry URL must be http");
	}

	@Test
	void anInvalidProducerValueIsAConfigurationError() {
		assertThat(refused(Map.of("GENERATOR_TEMPLATE", "{}", "KAFKA_PRODUCER_ACKS", "maybe")).problems())
			.singleElement()
			.asString()
			.startsWith("producer setting: ")
			.contains("acks");
	}

	@Test
	void environmentErrorsComeBeforeSpecErrors() {
		InvalidConfigException ex = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidConfigException.class,
				() -> GeneratorRun.create(Map.of("GENERATOR_TEMPLATE", "{"), new BuiltInSpecs(), () -> 1));

		assertThat(ex.getMessage()).startsWith("invalid configuration:\n  - KAFKA_BOOTSTRAP_SERVERS is required");
	}

}
