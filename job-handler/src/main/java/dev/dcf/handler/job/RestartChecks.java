package dev.dcf.handler.job;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * The rules of a request's {@code restart} block (fields {@code restart.*}).
 */
final class RestartChecks {

	/** Longest interval the attempts may be counted in. */
	static final Duration MAX_INTERVAL = Duration.ofHours(24);

	/** Longest wait before a restart. */
	static final Duration MAX_DELAY = Duration.ofHours(1);

	private static final String FORMAT = "must be a duration like 10m, 30s, 1m30s or 500ms, or a number of seconds";

	private RestartChecks() {
	}

	static void check(RestartRequest restart, BiConsumer<String, String> violations) {
		if (restart == null) {
			return;
		}
		if (restart.attempts() != null && (restart.attempts() < 0 || restart.attempts() > RestartPolicy.MAX_ATTEMPTS)) {
			violations.accept("restart.attempts", "must be between 0 and " + RestartPolicy.MAX_ATTEMPTS);
		}
		Duration interval = duration(restart.interval(), "restart.interval", violations);
		if (interval != null && (interval.isZero() || interval.compareTo(MAX_INTERVAL) > 0)) {
			violations.accept("restart.interval", "must be more than 0s and at most 24h");
		}
		Duration delay = duration(restart.delay(), "restart.delay", violations);
		if (delay != null && delay.compareTo(MAX_DELAY) > 0) {
			violations.accept("restart.delay", "must be at most 1h");
		}
		Duration maxDelay = duration(restart.maxDelay(), "restart.maxDelay", violations);
		if (maxDelay != null && maxDelay.compareTo(MAX_DELAY) > 0) {
			violations.accept("restart.maxDelay", "must be at most 1h");
		}
		else if (maxDelay != null) {
			Duration effectiveDelay = (delay != null) ? delay : RestartPolicy.DEFAULT_DELAY;
			if (maxDelay.compareTo(effectiveDelay) < 0) {
				violations.accept("restart.maxDelay",
						"must be at least the delay (" + RestartRequest.format(effectiveDelay) + ")");
			}
		}
	}

	/** The parsed duration, {@code null} if absent or (reported) unreadable. */
	private static Duration duration(String text, String field, BiConsumer<String, String> violations) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Duration parsed = RestartRequest.parse(text);
		if (parsed == null) {
			violations.accept(field, FORMAT);
		}
		return parsed;
	}

}
