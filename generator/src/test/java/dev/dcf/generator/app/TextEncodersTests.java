package dev.dcf.generator.app;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.quickstart.Quickstarts;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextEncodersTests {

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Test
	void jsonIsCompact() {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("id", 7);
		value.put("name", "Zoë");
		value.put("tags", List.of("a", "b"));
		value.put("none", null);

		assertThat(text(TextEncoders.json().encode(value)))
			.isEqualTo("{\"id\":7,\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"none\":null}");
		assertThat(text(TextEncoders.json().encode("plain"))).isEqualTo("\"plain\"");
		assertThat(TextEncoders.json().encode(null)).isNull();
	}

	@Test
	void avroRecordsAreWrittenAsTheirJson() {
		GeneratedRecord record = Quickstarts.spec("sensor_readings").generator(new GeneratorContext(1, 0, 1)).next();

		String json = text(TextEncoders.json().encode(record.value()));

		assertThat(json).startsWith("{\"deviceId\": \"sensor-").contains("\"sequence\": 0");
		assertThat(((GenericRecord) record.value()).get("deviceId")).hasToString((String) record.key());
	}

	@Test
	void stringsAreWrittenAsTheyAre() {
		assertThat(text(TextEncoders.string().encode("sensor-1"))).isEqualTo("sensor-1");
		assertThat(text(TextEncoders.string().encode(Map.of("a", 1)))).isEqualTo("{\"a\":1}");
		assertThat(TextEncoders.string().encode(null)).isNull();
	}

	@Test
	void theBenchmarksReadingsAreAboutTwoHundredBytesOfJson() {
		var generator = BenchSpecs.readingsTemplate().generator(new GeneratorContext(3, 0, 1));
		Encoder json = TextEncoders.json();
		int total = 0;
		for (int i = 0; i < 1_000; i++) {
			total += json.encode(generator.next().value()).length;
		}

		assertThat(total / 1_000).isBetween(190, 230);
	}

	@Test
	void containersOfOneJobWriteTheirOwnSequenceNumbers() {
		var first = BenchSpecs.readingsTemplate().generator(new GeneratorContext(3, 0, 2));
		var second = BenchSpecs.readingsTemplate().generator(new GeneratorContext(3, 1, 2));

		assertThat(List.of(first.next().sequence(), first.next().sequence())).containsExactly(0L, 2L);
		assertThat(List.of(second.next().sequence(), second.next().sequence())).containsExactly(1L, 3L);
	}

}
