package dev.dcf.handler.web;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcf.handler.job.SecretNames;

/**
 * What the templates show for times, durations, sizes and CPUs, and which names count as
 * secret.
 */
class FormatsTests {

	private final Formats formats = new Formats();

	@Test
	void ratesHaveADecimalWhenSmallAndGroupingWhenLarge() {
		assertThat(this.formats.rate(null)).isEqualTo(Formats.UNKNOWN);
		assertThat(this.formats.rate(0.04)).isEqualTo("0.0/s");
		assertThat(this.formats.rate(99.96)).isEqualTo("100.0/s");
		assertThat(this.formats.rate(1234.5)).isEqualTo("1,235/s");
		assertThat(this.formats.records(12.5)).isEqualTo("12.5 records/s");
		assertThat(this.formats.records(null)).isEqualTo(Formats.UNKNOWN);
	}

	@Test
	void clockIsLikeAStopwatch() {
		assertThat(this.formats.clock(null)).isEqualTo("–");
		assertThat(this.formats.clock(0L)).isEqualTo("0:00");
		assertThat(this.formats.clock(65L)).isEqualTo("1:05");
		assertThat(this.formats.clock(3600L)).isEqualTo("1:00:00");
		assertThat(this.formats.clock(90061L)).isEqualTo("25:01:01");
		assertThat(this.formats.clock(-5L)).isEqualTo("0:00");
	}

	@Test
	void durationsReadNaturally() {
		assertThat(this.formats.duration(60)).isEqualTo("60 s");
		assertThat(this.formats.duration(600)).isEqualTo("10 min");
		assertThat(this.formats.duration(150)).isEqualTo("2:30");
		assertThat(this.formats.duration(9000)).isEqualTo("2 h 30 min");
		assertThat(this.formats.duration(7200)).isEqualTo("2 h");
		assertThat(this.formats.duration(7 * 86400)).isEqualTo("7 d");
		assertThat(this.formats.duration(93600)).isEqualTo("1 d 2 h");
	}

	@Test
	void sizesInBinaryUnits() {
		assertThat(this.formats.bytes(512)).isEqualTo("512 B");
		assertThat(this.formats.bytes(256L << 20)).isEqualTo("256 MiB");
		assertThat(this.formats.bytes((long) (7.6 * (1L << 30)))).isEqualTo("7.6 GiB");
		assertThat(this.formats.bytes(8L << 30)).isEqualTo("8 GiB");
	}

	@Test
	void cpusWithoutNeedlessDigits() {
		assertThat(this.formats.cpus(0.5)).isEqualTo("0.5");
		assertThat(this.formats.cpus(2.0)).isEqualTo("2");
		assertThat(this.formats.cpus(0.125)).isEqualTo("0.13");
		assertThat(this.formats.cpus(8)).isEqualTo("8");
	}

	@Test
	void timesInUtc() {
		assertThat(this.formats.instant(Instant.parse("2026-05-01T10:00:05.123Z")))
			.isEqualTo("2026-05-01 10:00:05 UTC");
		assertThat(this.formats.instant(null)).isEmpty();
		assertThat(this.formats.datetimeLocal(Instant.parse("2026-05-01T10:00:05Z"))).isEqualTo("2026-05-01T10:00:05");
	}

	@Test
	void namesContainingPasswordSecretTokenOrKeyAreSecretInAnyCase() {
		assertThat(SecretNames.looksSecret("DB_PASSWORD")).isTrue();
		assertThat(SecretNames.looksSecret("client_secret")).isTrue();
		assertThat(SecretNames.looksSecret("GithubToken")).isTrue();
		assertThat(SecretNames.looksSecret("API_KEY")).isTrue();
		assertThat(SecretNames.looksSecret("RATE")).isFalse();
		assertThat(SecretNames.shown("API_KEY", "abc")).isEqualTo(SecretNames.MASK);
		assertThat(SecretNames.shown("RATE", "10")).isEqualTo("10");
	}

}
