package dev.dcf.generator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingGeneratorTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00.123456Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void sameSeedProducesTheSameReadings() {
		assertThat(readings(new ReadingGenerator(99, 5, 0, CLOCK), 500))
			.isEqualTo(readings(new ReadingGenerator(99, 5, 0, CLOCK), 500));
	}

	@Test
	void differentSeedsProduceDifferentReadings() {
		assertThat(readings(new ReadingGenerator(1, 5, 0, CLOCK), 50))
			.isNotEqualTo(readings(new ReadingGenerator(2, 5, 0, CLOCK), 50));
	}

	@Test
	void writesWellFormedJsonWithEveryField() throws Exception {
		ReadingGenerator generator = new ReadingGenerator(7, 3, 2, CLOCK);

		JsonNode first = this.json.readTree(generator.next().toJson());

		assertThat(first.properties()).extracting(java.util.Map.Entry::getKey)
			.containsExactly("deviceId", "timestamp", "temperature", "humidity", "pressure", "battery", "sequence");
		assertThat(first.get("deviceId").asText()).isEqualTo("sensor-2-01");
		assertThat(first.get("timestamp").asText()).isEqualTo("2026-03-01T12:00:00.123Z");
		assertThat(Instant.parse(first.get("timestamp").asText())).isEqualTo("2026-03-01T12:00:00.123Z");
		assertThat(first.get("sequence").asLong()).isEqualTo(1);
		for (String number : List.of("temperature", "humidity", "pressure", "battery")) {
			assertThat(first.get(number).isNumber()).as(number).isTrue();
		}
	}

	@Test
	void jsonCarriesTheReadingsValues() throws Exception {
		SensorReading reading = new ReadingGenerator(11, 1, 0, CLOCK).next();

		JsonNode node = this.json.readTree(reading.toJson());

		assertThat(node.get("temperature").asDouble()).isEqualTo(reading.temperature());
		assertThat(node.get("humidity").asDouble()).isEqualTo(reading.humidity());
		assertThat(node.get("pressure").asDouble()).isEqualTo(reading.pressure());
		assertThat(node.get("battery").asDouble()).isEqualTo(reading.battery());
	}

	@Test
	void devicesTakeTurnsAndSequenceCountsUpFromOne() {
		List<SensorReading> readings = readings(new ReadingGenerator(3, 4, 1, CLOCK), 8);

		assertThat(readings).extracting(SensorReading::deviceId)
			.containsExactly("sensor-1-01", "sensor-1-02", "sensor-1-03", "sensor-1-04", "sensor-1-01", "sensor-1-02",
					"sensor-1-03", "sensor-1-04");
		assertThat(readings).extracting(SensorReading::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
	}

	@Test
	void valuesStayPhysicallyPlausibleOverALongRun() throws Exception {
		ReadingGenerator generator = new ReadingGenerator(5, 5, 0, CLOCK);
		Set<String> devices = new TreeSet<>();
		for (int i = 0; i < 20_000; i++) {
			SensorReading reading = generator.next();
			devices.add(reading.deviceId());
			assertThat(reading.temperature()).isBetween(-40.0, 85.0);
			assertThat(reading.humidity()).isBetween(0.0, 100.0);
			assertThat(reading.pressure()).isBetween(950.0, 1050.0);
			assertThat(reading.battery()).isBetween(0.0, 100.0);
			if (i % 997 == 0) {
				assertThat(this.json.readTree(reading.toJson()).get("sequence").asLong()).isEqualTo(i + 1);
			}
		}
		assertThat(devices).hasSize(5);
	}

	@Test
	void takesTheTimestampFromTheClock() {
		Clock later = Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC);

		assertThat(new ReadingGenerator(1, 1, 0, later).next().timestamp()).isEqualTo("2026-03-01T12:01:00.123Z");
	}

	private static List<SensorReading> readings(ReadingGenerator generator, int count) {
		List<SensorReading> readings = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			readings.add(generator.next());
		}
		return readings;
	}

}
