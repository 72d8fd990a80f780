package dev.dcf.generator.engine.template;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.dcf.generator.engine.template.Templates.NOW;
import static dev.dcf.generator.engine.template.Templates.refused;
import static dev.dcf.generator.engine.template.Templates.value;
import static dev.dcf.generator.engine.template.Templates.values;
import static org.assertj.core.api.Assertions.assertThat;

class TimestampExpressionTests {

	@Test
	void nowIsTheClocksTimeInIso8601() {
		assertThat(value("{{now}}")).isEqualTo("2026-12-06T09:30:00.123Z");
		assertThat(value("{{timestamp()}}")).isEqualTo("2026-12-06T09:30:00.123Z");
	}

	@Test
	void nowHasOffsetsAndFormats() {
		assertThat(value("{{now(offset=-1h, format=epochMillis)}}")).isEqualTo(NOW.toEpochMilli() - 3_600_000);
		assertThat(value("{{now(offset=2d, format=epochSeconds)}}")).isEqualTo(NOW.getEpochSecond() + 2 * 86_400);
		assertThat(value("{{now(format=date)}}")).isEqualTo("2026-12-06");
		assertThat(value("{{now(format='yyyy-MM-dd HH:mm:ss', zone=Europe/Paris)}}")).isEqualTo("2026-12-06 10:30:00");
		assertThat(value("{{now(zone=+02:00)}}")).isEqualTo("2026-12-06T11:30:00.123+02:00");
		assertThat(value("{{now(offset=PT30M)}}")).isEqualTo("2026-12-06T10:00:00.123Z");
	}

	@Test
	void jitterSpreadsAroundNow() {
		List<Object> times = values("{{now(jitter=10s, format=epochMillis)}}", 2000);
		assertThat(times).allSatisfy(
				(t) -> assertThat((Long) t).isBetween(NOW.toEpochMilli() - 10_000, NOW.toEpochMilli() + 10_000));
		assertThat(times.stream().distinct().count()).isGreaterThan(1000);
		assertThat(times.stream().mapToLong((t) -> (Long) t).min().orElseThrow()).isLessThan(NOW.toEpochMilli() - 5000);
		assertThat(times.stream().mapToLong((t) -> (Long) t).max().orElseThrow())
			.isGreaterThan(NOW.toEpochMilli() + 5000);
	}

	@Test
	void allTimestampsOfARecordShareItsNow() {
		var value = (java.util.Map<?, ?>) Templates
			.records("{\"a\": \"{{now}}\", \"b\": \"{{now(format=epochMillis)}}\"}", 1)
			.get(0)
			.value();
		assertThat(Instant.parse((String) value.get("a")).toEpochMilli()).isEqualTo(value.get("b"));
	}

	@Test
	void badTimestampParametersAreRefused() {
		refused("{{now(-1h)}}", "now: '-1h' is not one of [offset, jitter, format, zone]");
		refused("{{now(offset=an hour)}}", "now: offset 'an hour' is not a duration");
		refused("{{now(jitter=-5s)}}", "now: the jitter -5s is negative");
		refused("{{now(zone=Mars/Base)}}", "now: 'Mars/Base' is not a time zone");
		refused("{{now(format='yyyy-MM-dd ppp')}}", "now: the format 'yyyy-MM-dd ppp' is neither");
		refused("{{now(format=iso, format=date)}}", "now: format is given twice");
	}

}
