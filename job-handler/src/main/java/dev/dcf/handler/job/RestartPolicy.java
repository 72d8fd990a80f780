package dev.dcf.handler.job;

import java.time.Duration;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A job's restart policy (as Nomad's {@code restart} block), enforced by its agent: a
 * container that exits with a code other than 0 is restarted up to {@code attempts} times
 * within {@code interval}, waiting {@code delay} before the first restart of the window,
 * twice that before the next, at most {@code maxDelay}; then the job fails. Stored in the
 * job's columns (migration V12); 0 attempts means no restarts.
 *
 * @param attempts restarts allowed within the interval, 0..{@link #MAX_ATTEMPTS}
 * @param intervalMillis the window the attempts are counted in
 * @param delayMillis wait before the first restart of the window
 * @param maxDelayMillis longest wait, at least the delay
 */
@Embeddable
public record RestartPolicy(@Column(name = "restart_attempts", nullable = false) int attempts,
		@Column(name = "restart_interval_ms", nullable = false) long intervalMillis,
		@Column(name = "restart_delay_ms", nullable = false) long delayMillis,
		@Column(name = "restart_max_delay_ms", nullable = false) long maxDelayMillis) {

	/** Most restarts a policy may allow within its interval. */
	public static final int MAX_ATTEMPTS = 100;

	public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

	public static final Duration DEFAULT_DELAY = Duration.ofSeconds(5);

	public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(1);

	/** No restarts (the default): a crash fails the job at once. */
	public static final RestartPolicy NONE = new RestartPolicy(0, DEFAULT_INTERVAL.toMillis(), DEFAULT_DELAY.toMillis(),
			DEFAULT_MAX_DELAY.toMillis());

	/**
	 * The policy of a request that passed the validator ({@code null} = none).
	 * @param request the request's restart block, may be {@code null}
	 * @return the policy, never {@code null}
	 */
	public static RestartPolicy of(RestartRequest request) {
		if (request == null) {
			return NONE;
		}
		Duration delay = RestartRequest.durationOr(request.delay(), DEFAULT_DELAY);
		Duration maxDelay = RestartRequest.durationOr(request.maxDelay(),
				(delay.compareTo(DEFAULT_MAX_DELAY) > 0) ? delay : DEFAULT_MAX_DELAY);
		return new RestartPolicy((request.attempts() != null) ? request.attempts() : 0,
				RestartRequest.durationOr(request.interval(), DEFAULT_INTERVAL).toMillis(), delay.toMillis(),
				maxDelay.toMillis());
	}

	/**
	 * Whether crashed containers are restarted at all.
	 * @return {@code true} for at least one attempt
	 */
	public boolean restarts() {
		return this.attempts > 0;
	}

	public Duration interval() {
		return Duration.ofMillis(this.intervalMillis);
	}

	public Duration delay() {
		return Duration.ofMillis(this.delayMillis);
	}

	public Duration maxDelay() {
		return Duration.ofMillis(this.maxDelayMillis);
	}

	/**
	 * The policy as the API and the form show it, durations as text ("10m").
	 * @return a request with every field set
	 */
	public RestartRequest toRequest() {
		return new RestartRequest(this.attempts, RestartRequest.format(interval()), RestartRequest.format(delay()),
				RestartRequest.format(maxDelay()));
	}

	/**
	 * For people: "no restarts", or "up to 3 restarts within 10m, after 5s doubling up to
	 * 1m".
	 * @return the text
	 */
	public String describe() {
		if (!restarts()) {
			return "no restarts";
		}
		return "up to " + this.attempts + ((this.attempts == 1) ? " restart" : " restarts") + " within "
				+ RestartRequest.format(interval()) + ", after " + RestartRequest.format(delay()) + " doubling up to "
				+ RestartRequest.format(maxDelay());
	}

}
