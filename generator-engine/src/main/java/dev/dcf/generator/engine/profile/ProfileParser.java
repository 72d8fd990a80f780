package dev.dcf.generator.engine.profile;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.dcf.generator.engine.Durations;
import dev.dcf.generator.engine.SpecException;

/** Reads {@code PROFILE}; every error names the variable and shows the expected form. */
final class ProfileParser {

	private ProfileParser() {
	}

	static LoadProfile parse(String text, double baseRate, ZonedDateTime start) {
		if (!Double.isFinite(baseRate) || baseRate < 0) {
			throw new SpecException("RATE", "the rate must be a number of records per second, at least 0: " + baseRate);
		}
		String t = (text != null) ? text.trim() : "";
		if (t.isEmpty() || t.equals("constant")) {
			return new Constant(baseRate);
		}
		int colon = t.indexOf(':');
		String kind = (colon < 0) ? t : t.substring(0, colon).trim();
		String body = (colon < 0) ? "" : t.substring(colon + 1).trim();
		if (kind.startsWith("daily@")) {
			return daily(body, baseRate, start.withZoneSameInstant(zone(kind.substring("daily@".length()))));
		}
		return switch (kind) {
			case "constant" -> new Constant(rate(body, baseRate, "constant:<rate>"));
			case "ramp" -> ramp(body, baseRate);
			case "steps" -> steps(body, baseRate);
			case "daily" -> daily(body, baseRate, start);
			default -> throw error("unknown profile '" + kind
					+ "' (expected constant, ramp:<from>-><to>:<duration>, steps:<rate>@<at>,..., daily[@zone]:<hour>=<rate>,...)");
		};
	}

	private static LoadProfile ramp(String body, double base) {
		String form = "ramp:<from>-><to>:<duration>, e.g. ramp:10->1000:5m";
		int arrow = body.indexOf("->");
		int colon = body.lastIndexOf(':');
		if (arrow < 0 || colon < arrow) {
			throw error("'" + body + "' is not a ramp (" + form + ")");
		}
		double from = rate(body.substring(0, arrow), base, form);
		double to = rate(body.substring(arrow + 2, colon), base, form);
		Duration over = duration(body.substring(colon + 1), form);
		if (over.isNegative() || over.isZero()) {
			throw error("a ramp takes a positive duration: " + body.substring(colon + 1).trim() + " (" + form + ")");
		}
		return new Ramp(from, to, over.toNanos() / 1e9);
	}

	private static LoadProfile steps(String body, double base) {
		String form = "steps:<rate>@<at>,..., e.g. steps:100@0s,500@1m,1000@2m";
		List<double[]> steps = new ArrayList<>();
		for (String step : items(body, form)) {
			int at = step.indexOf('@');
			if (at < 0) {
				throw error("'" + step + "' is not a step (" + form + ")");
			}
			double rate = rate(step.substring(0, at), base, form);
			Duration when = duration(step.substring(at + 1), form);
			if (when.isNegative()) {
				throw error("a step cannot start before the start: " + step);
			}
			double seconds = when.toNanos() / 1e9;
			if (!steps.isEmpty() && seconds <= steps.get(steps.size() - 1)[0]) {
				throw error("steps must be in increasing time order: " + step);
			}
			steps.add(new double[] { seconds, rate });
		}
		return new Steps(base, steps.stream().mapToDouble((s) -> s[0]).toArray(),
				steps.stream().mapToDouble((s) -> s[1]).toArray());
	}

	private static LoadProfile daily(String body, double base, ZonedDateTime start) {
		String form = "daily:<hour>=<rate>,..., e.g. daily:0=10,8=200,12=500,18=200";
		List<double[]> points = new ArrayList<>();
		for (String point : items(body, form)) {
			int eq = point.indexOf('=');
			if (eq < 0) {
				throw error("'" + point + "' is not a point of the day (" + form + ")");
			}
			double hour = hour(point.substring(0, eq).trim(), form);
			double rate = rate(point.substring(eq + 1), base, form);
			for (double[] p : points) {
				if (p[0] == hour * 3600) {
					throw error("the hour " + point.substring(0, eq).trim() + " is given twice");
				}
			}
			points.add(new double[] { hour * 3600, rate });
		}
		points.sort((a, b) -> Double.compare(a[0], b[0]));
		double startOfDay = start.toLocalTime().toNanoOfDay() / 1e9;
		return new Daily(startOfDay, points.stream().mapToDouble((p) -> p[0]).toArray(),
				points.stream().mapToDouble((p) -> p[1]).toArray());
	}

	private static ZoneId zone(String text) {
		try {
			return ZoneId.of(text.trim());
		}
		catch (DateTimeException ex) {
			throw error(
					"'" + text.trim() + "' is not a time zone (daily@<zone>:..., e.g. daily@Europe/Paris:8=500,20=50)");
		}
	}

	private static List<String> items(String body, String form) {
		List<String> items = new ArrayList<>();
		for (String item : body.split(",")) {
			if (item.isBlank()) {
				throw error("an empty entry in '" + body + "' (" + form + ")");
			}
			items.add(item.trim());
		}
		return items;
	}

	private static double hour(String text, String form) {
		try {
			double hour;
			int colon = text.indexOf(':');
			if (colon >= 0) {
				int h = Integer.parseInt(text.substring(0, colon));
				int m = Integer.parseInt(text.substring(colon + 1));
				if (m < 0 || m >= 60) {
					throw new NumberFormatException();
				}
				hour = h + m / 60.0;
			}
			else {
				hour = Double.parseDouble(text);
			}
			if (!(hour >= 0 && hour < 24)) {
				throw error("an hour of the day is from 0 to 23:59: " + text);
			}
			return hour;
		}
		catch (NumberFormatException ex) {
			throw error("'" + text + "' is not an hour of the day such as 8, 8.5 or 08:30 (" + form + ")");
		}
	}

	/** A rate in records/s, or a percentage of the base rate ({@code 150%}). */
	private static double rate(String text, double base, String form) {
		String t = text.trim();
		try {
			double rate = t.endsWith("%") ? base * Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
					: Double.parseDouble(t);
			if (!Double.isFinite(rate) || rate < 0) {
				throw error("a rate is at least 0 records/s: " + t);
			}
			return rate;
		}
		catch (NumberFormatException ex) {
			throw error(
					"'" + t + "' is not a rate (records/s such as 250 or 0.5, or a percentage of RATE such as 150%) ("
							+ form + ")");
		}
	}

	private static Duration duration(String text, String form) {
		try {
			return Durations.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw error(ex.getMessage() + " (" + form + ")");
		}
	}

	private static SpecException error(String message) {
		return new SpecException(LoadProfile.FIELD, message);
	}

	record Constant(double rate) implements LoadProfile {

		@Override
		public double rateAt(Duration sinceStart) {
			return this.rate;
		}

	}

	/**
	 * Linear from {@code from} to {@code to} over the duration, then holds {@code to}.
	 */
	record Ramp(double from, double to, double seconds) implements LoadProfile {

		@Override
		public double rateAt(Duration sinceStart) {
			double t = secondsOf(sinceStart);
			return (t >= this.seconds) ? this.to : this.from + (this.to - this.from) * t / this.seconds;
		}

	}

	/** The base rate until the first step, then each step's rate from its time on. */
	record Steps(double base, double[] at, double[] rates) implements LoadProfile {

		@Override
		public double rateAt(Duration sinceStart) {
			double t = secondsOf(sinceStart);
			double rate = this.base;
			for (int i = 0; i < this.at.length && this.at[i] <= t; i++) {
				rate = this.rates[i];
			}
			return rate;
		}

	}

	/**
	 * Piecewise-linear over the day through the given points, wrapping from the last
	 * point of the day to the first of the next.
	 */
	record Daily(double startSecondOfDay, double[] seconds, double[] rates) implements LoadProfile {

		private static final double DAY = 86400;

		@Override
		public double rateAt(Duration sinceStart) {
			double s = (this.startSecondOfDay + secondsOf(sinceStart)) % DAY;
			int n = this.seconds.length;
			if (n == 1) {
				return this.rates[0];
			}
			int next = 0;
			while (next < n && this.seconds[next] <= s) {
				next++;
			}
			int prev = (next == 0) ? n - 1 : next - 1;
			next = next % n;
			double from = this.seconds[prev];
			double to = this.seconds[next];
			double span = (to - from + DAY) % DAY;
			double into = (s - from + DAY) % DAY;
			return this.rates[prev] + (this.rates[next] - this.rates[prev]) * into / span;
		}

	}

	private static double secondsOf(Duration d) {
		return Math.max(0, d.toNanos() / 1e9);
	}

}
