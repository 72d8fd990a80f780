package dev.dcf.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyTests {

	@Test
	void showsWhereToGoAndTheGeneratedLogin() {
		Ready ready = ready(new AdminLogin("s3cret-pass"));

		assertThat(ready.message(Duration.ofMillis(12_345))).contains("DCF is ready (started in 12.3 s)")
			.contains("http://localhost:8080")
			.contains("User      admin")
			.contains("Password  s3cret-pass")
			.contains("localhost:9092  (login: /data/kafka-client.properties)")
			.contains("http://localhost:8081")
			.contains("agent-1: HEALTHY")
			.contains("Ctrl-C");
	}

	@Test
	void doesNotRepeatAConfiguredPassword() {
		String message = ready(new AdminLogin(null)).message(Duration.ofSeconds(1));

		assertThat(message).contains("Password  from DCF_ADMIN_PASSWORD");
	}

	private static Ready ready(AdminLogin login) {
		return new Ready(URI.create("http://localhost:8080"), "admin", login, "localhost:9092", "http://localhost:8081",
				Path.of("/data"), "agent-1", "HEALTHY", "present", Path.of("/data/kafka-client.properties"));
	}

}
