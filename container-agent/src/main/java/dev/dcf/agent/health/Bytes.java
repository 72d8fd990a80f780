package dev.dcf.agent.health;

import java.util.Locale;

/** Byte counts for humans. */
final class Bytes {

	private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB" };

	private Bytes() {
	}

	static String human(long bytes) {
		double value = bytes;
		int unit = 0;
		while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
			value /= 1024;
			unit++;
		}
		return (unit == 0) ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
	}

}
