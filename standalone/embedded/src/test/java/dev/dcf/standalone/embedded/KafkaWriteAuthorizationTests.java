package dev.dcf.standalone.embedded;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaWriteAuthorizationTests {

	private final KafkaWriteAuthorization authorization = new KafkaWriteAuthorization("localhost:1",
			Duration.ofSeconds(1));

	@Test
	void aRunsPrincipalLogsInWithScramFirstAndAServiceWithPlainFirst() {
		// a failed attempt is an ERROR line in the log: DCF's own users must not cause
		// one
		assertThat(this.authorization.mechanismsOf("dcf-run-42-1")).containsExactly("SCRAM-SHA-512", "PLAIN");
		assertThat(this.authorization.mechanismsOf("agent")).containsExactly("PLAIN", "SCRAM-SHA-512");
		assertThat(this.authorization.mechanismsOf("dcf")).containsExactly("PLAIN", "SCRAM-SHA-512");
	}

}
