package dev.dcf.handler.job;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code restart} block of a job request ({@link RestartPolicy}): every field may be
 * missing (its default) or wrong ({@link JobRequestValidator} decides). Durations are
 * text like {@code 10m}, {@code 5s}, {@code 1m30s}, {@code 500ms}, {@code 1h}, or a
 * number of seconds.
 *
 * @param attempts restarts within the interval, 0..100 (default 0: none)
 * @param interval the window the attempts are counted in (default 10m)
 * @param delay wait before the first restart of the window (default 5s)
 * @param maxDelay longest wait, at least the delay (default 1m)
 */
public record RestartRequest(Integer attempts, String interval, String delay, String maxDelay) {

	private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

	private static final Pattern SECONDS = Pattern.compile("\\d{1,9}");

	/**
	 * Reads a duration text.
	 * @param text e.g. "10m", "1m30s", "500ms" or "90" (seconds)
	 * @return the duration, {@code null} if the text is not one
	 */
	public static Duration parse(String text) {
		if (text == null) {
			return null;
		}
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (SECONDS.matcher(value).matches()) {
			return Duration.ofSeconds(Long.parseLong(value));
		}
		if (value.isEmpty()) {
			return null;
		}
		Matcher part = PART.matcher(value);
		Duration total = Duration.ZERO;
		int at = 0;
		while (part.find() && part.start() == at) {
			long amount = Long.parseLong(part.group(1));
			total = total.plus(switch (part.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			});
			at = part.end();
		}
		return (at == value.length()) ? total : null;
	}

	/**
	 * Writes a duration as {@link #parse} reads it, shortest first: "10m", "1m30s",
	 * "1s500ms".
	 * @param duration the duration
	 * @return the text, "0s" for zero
	 */
	public static String format(Duration duration) {
		if (duration.isZero()) {
			return "0s";
		}
		StringBuilder text = new StringBuilder();
		append(text, duration.toHours(), "h");
		append(text, duration.toMinutesPart(), "m");
		append(text, duration.toSecondsPart(), "s");
		append(text, duration.toMillisPart(), "ms");
		return text.toString();
	}

	static Duration durationOr(String text, Duration fallback) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		Duration parsed = parse(text);
		return (parsed != null) ? parsed : fallback;
	}

	private static void append(StringBuilder text, long amount, String unit) {
		if (amount > 0) {
			text.append(amount).append(unit);
		}
	}

}
