package dev.dcf.generator.app;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dcf.schemes.avro.ResourceLimits;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.generator.engine.quickstart.Quickstarts;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import dev.dcf.testsupport.ScratchTopics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator in-process against the shared embedded broker and registry.
 */
class GeneratorRunIT {

	private final SchemaRegistryClient registry = new HttpSchemaRegistryClient(
			RegistryClientConfig.of(SharedInfrastructure.get().registryUrl()));

	@Test
	void anAvroQuickstartWritesExactlyMaxRecordsDecodableThroughTheRegistry() throws Exception {
		String topic = ScratchTopics.create("generator-avro");
		GeneratorRun run = GeneratorRun.create(Map.of("KAFKA_BOOTSTRAP_SERVERS", ScratchTopics.bootstrapServers(),
				"KAFKA_TOPIC", topic, "SCHEMA_REGISTRY_URL", SharedInfrastructure.get().registryUrl(),
				"GENERATOR_QUICKSTART", "sensor_readings", "RATE", "unlimited", "MAX_RECORDS", "20000", "DCF_JOB_ID",
				"job-avro", "DCF_CONTAINER_INDEX", "1", "DCF_CONTAINER_COUNT", "2"), new BuiltInSpecs(), () -> 1);

		assertThat(run.run()).isZero();

		List<ConsumerRecord<byte[], byte[]>> records = ScratchTopics.consume(topic, 20_000);
		assertThat(records).hasSize(20_000);
		Set<Long> sequences = new HashSet<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			GenericRecord reading = decode(record.value());
			assertThat(reading.get("deviceId")).hasToString(new String(record.key(), StandardCharsets.UTF_8));
			sequences.add((Long) reading.get("sequence"));
		}
		// container 1 of 2: the odd sequence numbers, each once
		assertThat(sequences).hasSize(20_000).allSatisfy((sequence) -> assertThat(sequence % 2).isOne());
		assertThat(sequences).contains(1L, 39_999L);
		assertThat(this.registry.latest(topic + "-value").schema())
			.isEqualTo(Quickstarts.spec("sensor_readings").valueSchema());
	}

	@Test
	void aJsonTemplateWritesExactlyMaxRecordsAtItsRate() throws Exception {
		String topic = ScratchTopics.create("generator-json");
		GeneratorRun run = GeneratorRun
			.create(Map.of("KAFKA_BOOTSTRAP_SERVERS", ScratchTopics.bootstrapServers(), "KAFKA_TOPIC", topic,
					"GENERATOR_TEMPLATE", "{\"kind\": \"probe\", \"n\": [1, 2]}", "RATE", "500", "MAX_RECORDS", "1000"),
					new BuiltInSpecs(), () -> 1);
		long start = System.nanoTime();

		assertThat(run.run()).isZero();

		double seconds = (System.nanoTime() - start) / 1e9;
		// 1,000 records at 500/s: the first at once, the last not before about 2 s
		assertThat(seconds).isGreaterThan(1.9);
		List<ConsumerRecord<byte[], byte[]>> records = ScratchTopics.consume(topic, 1_000);
		assertThat(records).hasSize(1_000)
			.allSatisfy((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
				.isEqualTo("{\"kind\":\"probe\",\"n\":[1,2]}"));
		assertThat(new ObjectMapper().readTree(records.get(0).value()).get("n").size()).isEqualTo(2);
	}

	@Test
	void aGeneratorWhoseBrokerIsAwaySendsNothingAndItsProfileWaitsUntilStopped() throws Exception {
		int closedPort;
		try (ServerSocket socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		GeneratorRun run = GeneratorRun.create(
				Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort, "KAFKA_TOPIC", "generator-away",
						"GENERATOR_TEMPLATE", "{\"n\": 1}", "RATE", "100", "PROFILE", "steps:100@0s,1000@2s"),
				new BuiltInSpecs(), () -> 1);
		CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(run::run);

		// longer than max.block.ms: the wait has retried once
		Thread.sleep(6_000);

		assertThat(run.sent()).isZero();
		assertThat(exit).isNotDone();
		run.stop();
		assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
		assertThat(run.sent()).isZero();
	}

	@Test
	void avroValuesAndKeysAreInTheConfluentWireFormatOfTheProjectsSerde() throws Exception {
		String topic = "generator-encoder-" + System.nanoTime();
		AvroEncoder values = new AvroEncoder(this.registry, topic, false, ResourceLimits.getClassSchema());
		AvroEncoder keys = new AvroEncoder(this.registry, topic, true, Schema.create(Schema.Type.STRING));
		ResourceLimits limits = ResourceLimits.newBuilder().setCpus(0.5).setMemoryBytes(1L << 30).build();

		byte[] value = values.encode(limits);
		byte[] key = keys.encode("sensor-1");

		assertThat(value[0]).isZero();
		assertThat(((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff))
			.isEqualTo(values.schemaId());
		assertThat(new AvroDeserializer<>(this.registry, ResourceLimits.class).deserialize(topic, value))
			.isEqualTo(limits);
		assertThat(this.registry.latest(topic + "-value").id()).isEqualTo(values.schemaId());
		assertThat(this.registry.latest(topic + "-key").id()).isEqualTo(keys.schemaId());
		assertThat(key[0]).isZero();
		assertThat(new String(key, 6, key.length - 6, StandardCharsets.UTF_8)).isEqualTo("sensor-1");
		assertThat(values.encode(null)).isNull();
	}

	private GenericRecord decode(byte[] value) throws Exception {
		assertThat(value[0]).isZero();
		int id = ((value[1] & 0xff) << 24) | ((value[2] & 0xff) << 16) | ((value[3] & 0xff) << 8) | (value[4] & 0xff);
		Schema schema = this.registry.schemaById(id);
		return new GenericDatumReader<GenericRecord>(schema).read(null,
				DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
	}

}
