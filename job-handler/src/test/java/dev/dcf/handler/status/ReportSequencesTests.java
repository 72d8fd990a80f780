package dev.dcf.handler.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReportSequencesTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	private final ReportSequences sequences = new ReportSequences(Duration.ofMinutes(2));

	@Test
	void aSequenceUpToTheAllowedSkewAheadIsAccepted() {
		assertThat(this.sequences.isTooFarAhead(micros(NOW), NOW)).isFalse();
		assertThat(this.sequences.isTooFarAhead(micros(NOW.plusSeconds(120)), NOW)).isFalse();
		assertThat(this.sequences.isTooFarAhead(micros(NOW.minusSeconds(3600)), NOW)).isFalse();
	}

	@Test
	void aSequenceFurtherAheadIsRefused() {
		assertThat(this.sequences.isTooFarAhead(micros(NOW.plusSeconds(121)), NOW)).isTrue();
		assertThat(this.sequences.isTooFarAhead(Long.MAX_VALUE, NOW)).isTrue();
	}

	@Test
	void aNegativeSkewIsRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReportSequences(Duration.ofSeconds(-1)))
			.withMessageContaining("dcf.handler.max-clock-skew");
	}

	private static long micros(Instant at) {
		return ChronoUnit.MICROS.between(Instant.EPOCH, at);
	}

}
