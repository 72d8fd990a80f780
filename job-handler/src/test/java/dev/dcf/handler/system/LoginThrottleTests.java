package dev.dcf.handler.system;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.dcf.testsupport.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back-off after failed logins, per name and per address, with a settable clock.
 */
class LoginThrottleTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleProperties(5, 20, Duration.ofSeconds(60), Duration.ofMinutes(15)), this.clock);

	@Test
	void fiveFailuresAreFreeThenTheWaitDoublesUpToTheMaximum() {
		fail("carol", "10.0.0.1", 5);
		assertThat(this.throttle.waitFor("carol", "10.0.0.2")).hasValue(Duration.ofSeconds(1));

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("carol", "10.0.0.2")).isEmpty();
		fail("carol", "10.0.0.1", 1);
		assertThat(this.throttle.waitFor("carol", "10.0.0.2")).hasValue(Duration.ofSeconds(2));

		fail("carol", "10.0.0.1", 10);
		assertThat(this.throttle.waitFor("Carol", "10.0.0.2")).hasValue(Duration.ofSeconds(60));
		assertThat(this.throttle.waitFor("dave", "10.0.0.2")).isEmpty();
	}

	@Test
	void oneAddressTryingManyNamesBacksOffAfterTwenty() {
		for (int i = 0; i < 19; i++) {
			fail("user" + i, "10.0.0.9", 1);
		}
		assertThat(this.throttle.waitFor("someone", "10.0.0.9")).isEmpty();

		fail("user19", "10.0.0.9", 1);

		assertThat(this.throttle.waitFor("someone", "10.0.0.9")).hasValue(Duration.ofSeconds(1));
		assertThat(this.throttle.waitFor("someone", "10.0.0.8")).isEmpty();
	}

	@Test
	void aSuccessfulLoginClearsItsNameAndAddress() {
		fail("carol", "10.0.0.1", 8);

		this.throttle.on(new AuthenticationSuccessEvent(authentication("carol", "10.0.0.1")));

		assertThat(this.throttle.waitFor("carol", "10.0.0.1")).isEmpty();
	}

	@Test
	void quietNamesStartAfresh() {
		fail("carol", "10.0.0.1", 8);

		this.clock.advance(Duration.ofMinutes(15));
		fail("carol", "10.0.0.1", 1);

		assertThat(this.throttle.waitFor("carol", "10.0.0.3")).isEmpty();
	}

	private void fail(String user, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.on(new AuthenticationFailureBadCredentialsEvent(authentication(user, address),
					new BadCredentialsException("wrong")));
		}
	}

	private static UsernamePasswordAuthenticationToken authentication(String user, String address) {
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.unauthenticated(user,
				"pw");
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		authentication.setDetails(new WebAuthenticationDetails(request));
		return authentication;
	}

}
