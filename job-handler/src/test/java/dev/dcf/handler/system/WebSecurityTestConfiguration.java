package dev.dcf.handler.system;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.dcf.handler.liveness.LivenessStatus;
import dev.dcf.handler.token.ApiTokenService;

import org.mockito.Mockito;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * For web slice tests: the real security set-up, a clock fixed at {@link #NOW}, and the
 * liveness status every page's banner reads (the handler starts blind, with no alarm).
 * Users come from the test's properties ({@code dcf.security.*}).
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ SecurityConfiguration.class, UsersConfiguration.class, LoginThrottle.class, LivenessStatus.class })
public class WebSecurityTestConfiguration {

	public static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	/**
	 * Slices have no database: no token is ever accepted (the real ones: ApiTokensIT).
	 */
	@Bean
	ApiTokenService apiTokenService() {
		return Mockito.mock(ApiTokenService.class);
	}

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
