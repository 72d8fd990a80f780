package dev.dcf.handler.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formatting for the templates ({@code ${@fmt.instant(...)}}). Times are shown in UTC by
 * the server and turned into the browser's local time by {@code dcf.js}; elapsed times
 * use the same format as the page's ticking clock ({@code m:ss}, {@code h:mm:ss}).
 */
@Component("fmt")
public class Formats {

	/** What an unknown figure shows. */
	static final String UNKNOWN = "—";

	static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static final DateTimeFormatter DATETIME_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * A time in UTC for people.
	 * @param instant the time, may be {@code null}
	 * @return e.g. {@code 2026-05-01 10:00:00 UTC}, or an empty string
	 */
	public String instant(Instant instant) {
		return (instant != null) ? UTC.format(instant) : "";
	}

	/**
	 * A time in the format of {@code <input type="datetime-local">}, in UTC.
	 * @param instant the time, may be {@code null}
	 * @return e.g. {@code 2026-05-01T10:00:00}, or an empty string
	 */
	public String datetimeLocal(Instant instant) {
		return (instant != null) ? DATETIME_LOCAL.format(instant) : "";
	}

	/**
	 * A time span like a stopwatch.
	 * @param seconds the span, may be {@code null}
	 * @return {@code m:ss} below an hour, {@code h:mm:ss} above, or a dash
	 */
	public String clock(Long seconds) {
		if (seconds == null) {
			return "–";
		}
		long s = Math.max(0, seconds);
		long hours = s / 3600;
		long minutes = (s % 3600) / 60;
		long rest = s % 60;
		return (hours > 0) ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest)
				: String.format(Locale.ROOT, "%d:%02d", minutes, rest);
	}

	/**
	 * A duration for people.
	 * @param seconds the duration
	 * @return e.g. {@code 60 s}, {@code 5 min}, {@code 2 h 30 min}, {@code 1 d 2 h}
	 */
	public String duration(long seconds) {
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7200) {
			return (seconds % 60 == 0) ? (seconds / 60) + " min" : clock(seconds);
		}
		long days = seconds / 86400;
		long hours = (seconds % 86400) / 3600;
		long minutes = (seconds % 3600) / 60;
		if (days > 0) {
			return days + " d" + ((hours > 0) ? " " + hours + " h" : "");
		}
		return hours + " h" + ((minutes > 0) ? " " + minutes + " min" : "");
	}

	/**
	 * A size in binary units.
	 * @param bytes the size
	 * @return e.g. {@code 512 MiB}, {@code 7.6 GiB}
	 */
	public String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return (value >= 100 || value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f %s", value, units[unit])
				: String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

	/**
	 * A rate in records per second, one decimal below 100.
	 * @param perSecond the rate, or {@code null}
	 * @return e.g. {@code 12.5/s}, {@code 1,024/s}, or {@code —} when unknown
	 */
	public String rate(Double perSecond) {
		if (perSecond == null) {
			return UNKNOWN;
		}
		return (perSecond >= 100) ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
				: String.format(Locale.ROOT, "%.1f/s", perSecond);
	}

	/**
	 * Like {@link #rate}, naming the unit.
	 * @param perSecond the rate, {@code null} if unknown
	 * @return e.g. {@code 12.5 records/s}, or {@code —}
	 */
	public String records(Double perSecond) {
		return (perSecond != null) ? rate(perSecond).replace("/s", " records/s") : UNKNOWN;
	}

	/**
	 * A count with thousands separators.
	 * @param count the count, or {@code null}
	 * @return e.g. {@code 1,024}, or {@code —} when unknown
	 */
	public String count(Long count) {
		return (count != null) ? String.format(Locale.ROOT, "%,d", count) : UNKNOWN;
	}

	/**
	 * A CPU count without needless digits.
	 * @param cpus the count
	 * @return e.g. {@code 0.5}, {@code 2}
	 */
	public String cpus(double cpus) {
		String text = String.format(Locale.ROOT, "%.2f", cpus);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

}
