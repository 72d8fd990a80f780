package dev.dcf.generator.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Durations as people write them in specs: a signed number and a unit ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1.5h}, {@code 2d}, {@code -10m}) or ISO-8601
 * ({@code PT5M}).
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * @param text the duration
	 * @return the duration
	 * @throws IllegalArgumentException if it is not a duration, with a message saying
	 * what is expected
	 */
	public static Duration parse(String text) {
		String t = text.trim();
		try {
			if (t.startsWith("P") || t.startsWith("-P")) {
				return Duration.parse(t);
			}
			int unitAt = t.length();
			while (unitAt > 0 && Character.isLetter(t.charAt(unitAt - 1))) {
				unitAt--;
			}
			String unit = t.substring(unitAt);
			double number = Double.parseDouble(t.substring(0, unitAt));
			double nanosPerUnit = switch (unit) {
				case "ms" -> 1e6;
				case "s" -> 1e9;
				case "m" -> 60e9;
				case "h" -> 3600e9;
				case "d" -> 86400e9;
				default -> throw new IllegalArgumentException(unit);
			};
			double nanos = number * nanosPerUnit;
			if (!Double.isFinite(nanos) || Math.abs(nanos) > 9.2e18) {
				throw new IllegalArgumentException(t);
			}
			return Duration.ofNanos(Math.round(nanos));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text
					+ "' is not a duration (a number and a unit: ms, s, m, h, d, e.g. 30s, 5m, -1h; or ISO-8601 such as PT5M)");
		}
	}

}
