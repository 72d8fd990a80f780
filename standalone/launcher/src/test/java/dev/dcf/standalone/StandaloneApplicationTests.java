package dev.dcf.standalone;

import java.net.BindException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StandaloneApplicationTests {

	@Test
	void failureNamesItsRootCause() {
		IllegalStateException failure = new IllegalStateException("Embedded Kafka did not start at localhost:9092",
				new RuntimeException("wrapped", new BindException("Address already in use")));

		assertThat(StandaloneApplication.describe(failure))
			.isEqualTo("Embedded Kafka did not start at localhost:9092 (Address already in use)");
	}

	@Test
	void failureWithoutADifferentCauseIsItsMessage() {
		assertThat(StandaloneApplication.describe(new IllegalStateException("Port 9092 is in use")))
			.isEqualTo("Port 9092 is in use");
	}

}
