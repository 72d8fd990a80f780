package dev.dcf.handler.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * For web slice tests: the real security set-up and a clock fixed at {@link #NOW}. Users
 * come from the test's properties ({@code dcf.security.*}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, UsersConfiguration.class })
public class WebSecurityTestConfiguration {

	public static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
