package dev.dcf.handler.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartPolicyTests {

	@Test
	void durationsAreReadAsTextOrSeconds() {
		assertThat(RestartRequest.parse("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(RestartRequest.parse(" 1m30s ")).isEqualTo(Duration.ofSeconds(90));
		assertThat(RestartRequest.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(RestartRequest.parse("2H")).isEqualTo(Duration.ofHours(2));
		assertThat(RestartRequest.parse("45")).isEqualTo(Duration.ofSeconds(45));
		assertThat(RestartRequest.parse("ten minutes")).isNull();
		assertThat(RestartRequest.parse("10 m")).isNull();
		assertThat(RestartRequest.parse("-5s")).isNull();
		assertThat(RestartRequest.parse("")).isNull();
	}

	@Test
	void durationsAreWrittenAsTheyAreRead() {
		assertThat(RestartRequest.format(Duration.ofMinutes(10))).isEqualTo("10m");
		assertThat(RestartRequest.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
		assertThat(RestartRequest.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
		assertThat(RestartRequest.format(Duration.ZERO)).isEqualTo("0s");
	}

	@Test
	void missingFieldsTakeTheDefaultsAndNoBlockMeansNoRestarts() {
		assertThat(RestartPolicy.of(null)).isEqualTo(RestartPolicy.NONE);
		assertThat(RestartPolicy.NONE.restarts()).isFalse();
		assertThat(RestartPolicy.NONE.describe()).isEqualTo("no restarts");
		RestartPolicy three = RestartPolicy.of(new RestartRequest(3, null, null, null));
		assertThat(three.toRequest()).isEqualTo(new RestartRequest(3, "10m", "5s", "1m"));
		assertThat(three.describe()).isEqualTo("up to 3 restarts within 10m, after 5s doubling up to 1m");
		// a delay above the default longest delay raises it
		assertThat(RestartPolicy.of(new RestartRequest(1, null, "2m", null)).maxDelay())
			.isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void aValidBlockHasNoViolations() {
		assertThat(violations(new RestartRequest(3, "10m", "1s", "2s"))).isEmpty();
		assertThat(violations(new RestartRequest(100, "90", "0", "60"))).isEmpty();
		assertThat(violations(new RestartRequest(null, null, null, null))).isEmpty();
	}

	@Test
	void badValuesAreFieldErrors() {
		assertThat(violations(new RestartRequest(101, null, null, null)))
			.containsExactly("restart.attempts must be between 0 and 100");
		assertThat(violations(new RestartRequest(-1, null, null, null)))
			.containsExactly("restart.attempts must be between 0 and 100");
		assertThat(violations(new RestartRequest(3, "soon", null, null))).containsExactly(
				"restart.interval must be a duration like 10m, 30s, 1m30s or 500ms, or a number of seconds");
		assertThat(violations(new RestartRequest(3, "0s", null, null)))
			.containsExactly("restart.interval must be more than 0s and at most 24h");
		assertThat(violations(new RestartRequest(3, "25h", null, null)))
			.containsExactly("restart.interval must be more than 0s and at most 24h");
		assertThat(violations(new RestartRequest(3, null, "2h", "2h")))
			.containsExactly("restart.delay must be at most 1h", "restart.maxDelay must be at most 1h");
		assertThat(violations(new RestartRequest(3, null, "10s", "5s")))
			.containsExactly("restart.maxDelay must be at least the delay (10s)");
		assertThat(violations(new RestartRequest(3, null, null, "1s")))
			.containsExactly("restart.maxDelay must be at least the delay (5s)");
	}

	private static List<String> violations(RestartRequest request) {
		List<String> found = new ArrayList<>();
		RestartChecks.check(request, (field, message) -> found.add(field + " " + message));
		return found;
	}

}
