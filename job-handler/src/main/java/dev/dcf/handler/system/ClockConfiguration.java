package dev.dcf.handler.system;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the handler (UTC). Logic takes time from it, never from
 * {@code Instant.now()}, so tests can fix it. It ticks in microseconds, the precision
 * both H2 and PostgreSQL store, so a time reads back as it was written.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
	}

}
