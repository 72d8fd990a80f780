package dev.dcf.generator.engine.quickstart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QuickstartsTests {

	static List<String> names() {
		return Quickstarts.names();
	}

	@Test
	void theSevenQuickstartsAreListed() {
		assertThat(Quickstarts.names()).containsExactly("users", "orders", "pageviews", "clickstream", "stock_trades",
				"payments", "sensor_readings");
	}

	@ParameterizedTest
	@MethodSource("names")
	void everyRecordIsValidAgainstItsSchemaAndSurvivesABinaryRoundTrip(String name) throws IOException {
		GeneratorSpec spec = Quickstarts.spec(name);
		Schema schema = spec.valueSchema();
		GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
		GenericDatumReader<Object> reader = new GenericDatumReader<>(schema);
		RecordGenerator generator = spec.generator(new GeneratorContext(7, 0, 1));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		BinaryEncoder encoder = null;
		for (int i = 0; i < 500; i++) {
			GeneratedRecord record = generator.next();
			assertThat(GenericData.get().validate(schema, record.value())).as(String.valueOf(record.value())).isTrue();
			GenericRecord value = (GenericRecord) record.value();
			assertThat(record.key()).isEqualTo(String.valueOf(value.get(Quickstarts.keyField(name))));
			out.reset();
			encoder = EncoderFactory.get().binaryEncoder(out, encoder);
			writer.write(value, encoder);
			encoder.flush();
			Object decoded = reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
			assertThat(decoded).hasToString(value.toString());
		}
	}

	@ParameterizedTest
	@MethodSource("names")
	void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers(String name) {
		GeneratorSpec spec = Quickstarts.spec(name);
		assertThat(records(spec, new GeneratorContext(99, 1, 3), 50))
			.isEqualTo(records(spec, new GeneratorContext(99, 1, 3), 50))
			.isNotEqualTo(records(spec, new GeneratorContext(100, 1, 3), 50));
	}

	@Test
	void twoContainersNeverShareSequenceNumbersOrIterationValues() {
		Set<Long> sequences = new HashSet<>();
		Set<Object> orderIds = new HashSet<>();
		Set<Object> readingSequences = new HashSet<>();
		for (int c = 0; c < 2; c++) {
			RecordGenerator orders = Quickstarts.spec("orders").generator(new GeneratorContext(5, c, 2));
			RecordGenerator readings = Quickstarts.spec("sensor_readings").generator(new GeneratorContext(5, c, 2));
			for (int i = 0; i < 1000; i++) {
				GeneratedRecord order = orders.next();
				assertThat(sequences.add(order.sequence())).isTrue();
				assertThat(orderIds.add(((GenericRecord) order.value()).get("orderid"))).isTrue();
				assertThat(readingSequences.add(((GenericRecord) readings.next().value()).get("sequence"))).isTrue();
			}
		}
		assertThat(orderIds).hasSize(2000).contains(0, 1, 1999);
		assertThat(readingSequences).hasSize(2000).contains(0L, 1999L);
	}

	@Test
	void anUnknownQuickstartIsASpecErrorListingTheKnownOnes() {
		assertThatExceptionOfType(SpecException.class).isThrownBy(() -> Quickstarts.spec("trades"))
			.withMessageContaining("unknown quickstart 'trades'")
			.withMessageContaining("stock_trades")
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo(Quickstarts.FIELD));
	}

	/**
	 * Generation alone, for the figures of docs/generator.md; logged, never asserted (the
	 * machine's speed is not the engine's contract).
	 */
	@Test
	void generationSpeedIsLogged() {
		for (String name : List.of("users", "orders", "clickstream", "sensor_readings")) {
			RecordGenerator generator = Quickstarts.spec(name).generator(new GeneratorContext(1, 0, 1));
			int warmUp = 200_000;
			int measured = 1_000_000;
			long sink = 0;
			for (int i = 0; i < warmUp; i++) {
				sink += generator.next().sequence();
			}
			long start = System.nanoTime();
			for (int i = 0; i < measured; i++) {
				// the value must exist: the JIT may not elide what is generated
				GeneratedRecord record = generator.next();
				sink += record.sequence() + System.identityHashCode(record.value());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("quickstart %s: %,.0f records/s generated (engine alone, one thread)%n", name,
					measured / seconds);
			assertThat(sink).isNotZero();
			logGenerationAndEncoding(name, generator);
		}
	}

	/** The same with Avro's binary encoding of each value, for comparison. */
	private static void logGenerationAndEncoding(String name, RecordGenerator generator) {
		Schema schema = Quickstarts.spec(name).valueSchema();
		GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		int measured = 500_000;
		long bytes = 0;
		long start = System.nanoTime();
		try {
			for (int i = 0; i < measured; i++) {
				out.reset();
				writer.write(generator.next().value(), encoder);
				encoder.flush();
				bytes += out.size();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("quickstart %s: %,.0f records/s generated and Avro-encoded (one thread, %.0f bytes each)%n",
				name, measured / seconds, (double) bytes / measured);
		assertThat(bytes).isPositive();
	}

	private static List<String> records(GeneratorSpec spec, GeneratorContext context, int count) {
		RecordGenerator generator = spec.generator(context);
		List<String> records = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			GeneratedRecord record = generator.next();
			records.add(record.sequence() + " " + record.key() + " " + record.value());
		}
		return records;
	}

}
