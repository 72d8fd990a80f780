package dev.dcf.handler.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after {@code perUser} failed logins in a row for a name,
 * or {@code perAddress} from one client address, the next attempt with that name or from
 * that address is refused without checking the password until a back-off has passed (1 s,
 * doubling with every further failure, at most {@code maxBackoff}). A successful login
 * clears its name and address. Counts live in memory (a restart forgets them) and are
 * bounded: quiet entries are dropped after {@code forgetAfter}, and at most
 * {@link #MAX_ENTRIES} are kept.
 */
@Component
class LoginThrottle {

	static final int MAX_ENTRIES = 10_000;

	private final LoginThrottleProperties properties;

	private final Clock clock;

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	LoginThrottle(LoginThrottleProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * How long an attempt with this name from this address must still wait.
	 * @param user the login name, {@code null} if the request names none
	 * @param address the client's address
	 * @return the wait, empty if the attempt may go ahead
	 */
	Optional<Duration> waitFor(String user, String address) {
		Instant now = this.clock.instant();
		Duration wait = Duration.ZERO;
		if (user != null) {
			wait = max(wait, remaining(userKey(user), this.properties.perUser(), now));
		}
		wait = max(wait, remaining(addressKey(address), this.properties.perAddress(), now));
		return wait.isZero() ? Optional.empty() : Optional.of(wait);
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent failure) {
		Instant now = this.clock.instant();
		if (this.failures.size() >= MAX_ENTRIES) {
			forgetQuiet(now);
		}
		record(userKey(failure.getAuthentication().getName()), now);
		address(failure.getAuthentication()).ifPresent((address) -> record(addressKey(address), now));
	}

	@EventListener
	void on(AuthenticationSuccessEvent success) {
		this.failures.remove(userKey(success.getAuthentication().getName()));
		address(success.getAuthentication()).ifPresent((address) -> this.failures.remove(addressKey(address)));
	}

	private Duration remaining(String key, int free, Instant now) {
		Failures entry = this.failures.get(key);
		if (entry == null || entry.count() < free) {
			return Duration.ZERO;
		}
		long doublings = Math.min(entry.count() - free, 30);
		Duration backoff = Duration.ofSeconds(1L << doublings);
		if (backoff.compareTo(this.properties.maxBackoff()) > 0) {
			backoff = this.properties.maxBackoff();
		}
		Duration left = Duration.between(now, entry.last().plus(backoff));
		return left.isNegative() ? Duration.ZERO : left;
	}

	private void record(String key, Instant now) {
		this.failures.compute(key, (k, entry) -> (entry == null || isQuiet(entry, now)) ? new Failures(1, now)
				: new Failures(entry.count() + 1, now));
	}

	private void forgetQuiet(Instant now) {
		this.failures.values().removeIf((entry) -> isQuiet(entry, now));
		if (this.failures.size() >= MAX_ENTRIES) {
			// a flood of distinct names: forget rather than grow without bound
			this.failures.clear();
		}
	}

	private boolean isQuiet(Failures entry, Instant now) {
		return !now.isBefore(entry.last().plus(this.properties.forgetAfter()));
	}

	private static Optional<String> address(Authentication authentication) {
		return (authentication.getDetails() instanceof WebAuthenticationDetails details)
				? Optional.ofNullable(details.getRemoteAddress()) : Optional.empty();
	}

	private static String userKey(String user) {
		return "user:" + user.toLowerCase(Locale.ROOT);
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private record Failures(int count, Instant last) {
	}

}
