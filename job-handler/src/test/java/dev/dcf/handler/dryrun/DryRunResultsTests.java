package dev.dcf.handler.dryrun;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunResultsTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void theRateCountsTheSecondsTheContainerRan() {
		assertThat(DryRunResults.rate(47L, T0, T0.plusMillis(9_400))).isEqualTo(5.0);
		assertThat(DryRunResults.rate(10L, T0, T0.plusSeconds(3))).isEqualTo(3.3);
	}

	@Test
	void noRateWithoutTheCountOrTheTimesOrAnyTimeRun() {
		assertThat(DryRunResults.rate(null, T0, T0.plusSeconds(1))).isNull();
		assertThat(DryRunResults.rate(5L, null, T0)).isNull();
		assertThat(DryRunResults.rate(5L, T0, null)).isNull();
		assertThat(DryRunResults.rate(5L, T0, T0)).isNull();
	}

	@Test
	void theOutputIsSplitIntoLines() {
		assertThat(DryRunResults.lines("a\nb\r\nc")).containsExactly("a", "b", "c");
		assertThat(DryRunResults.lines(null)).isEmpty();
		assertThat(DryRunResults.lines("")).isEmpty();
	}

	@Test
	void aDryRunsIdIsToldFromAJobsAndNamesItsScratchTopic() {
		String id = DryRunIds.next();
		assertThat(DryRunIds.isDryRun(id)).isTrue();
		assertThat(DryRunIds.isDryRun("3f2b8c1e-8d6a-4c1e-9a57-0c2f1b0e2d41")).isFalse();
		assertThat(DryRunIds.isDryRun(null)).isFalse();
		assertThat(DryRunIds.topic(id)).isEqualTo("dcf-" + id).startsWith("dcf-dry-run-");
	}

	@Test
	void anAnswerNobodyWaitsForIsIgnored() {
		DryRunService service = new DryRunService(null, null, null, null, null, null,
				new DryRunProperties(Duration.ofSeconds(15), 4), Clock.fixed(T0, ZoneOffset.UTC), null);

		service.reported(new DryRunReport("agent-1", "dry-run-1", "i-unknown", null, "exited", 0, T0, T0, ""));
		service.reported(new DryRunReport("agent-1", "dry-run-1", null, null, "exited", 0, T0, T0, ""));
	}

}
