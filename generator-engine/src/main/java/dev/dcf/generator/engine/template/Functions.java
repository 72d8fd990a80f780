package dev.dcf.generator.engine.template;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import dev.dcf.generator.engine.RegexString;

/**
 * The built-in expressions other than fakers and references: identifiers, numbers,
 * choices, timestamps and strings from regular expressions. Each checks its arguments
 * once and returns a node that only draws from the frame's random source.
 */
final class Functions {

	/** How often {@code *} and {@code +} repeat at most in generated strings. */
	static final int UNBOUNDED_REPETITION = RegexString.OPEN_REPEAT;

	private Functions() {
	}

	static Map<String, Function<Args, Node>> all() {
		Map<String, Function<Args, Node>> all = new HashMap<>();
		all.put("uuid", Functions::uuid);
		all.put("seq", Functions::sequence);
		all.put("sequence", Functions::sequence);
		all.put("int", Functions::integer);
		all.put("decimal", Functions::decimal);
		all.put("uniform", Functions::uniform);
		all.put("normal", Functions::normal);
		all.put("exponential", Functions::exponential);
		all.put("oneOf", Functions::oneOf);
		all.put("weighted", Functions::weighted);
		all.put("bool", Functions::bool);
		all.put("boolean", Functions::bool);
		all.put("now", Functions::now);
		all.put("timestamp", Functions::now);
		all.put("regex", Functions::regex);
		return all;
	}

	private static Node uuid(Args args) {
		args.count(0, 0, "uuid");
		return (frame) -> {
			long high = (frame.random.nextLong() & ~0xF000L) | 0x4000L;
			long low = (frame.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
			return new UUID(high, low).toString();
		};
	}

	private static Node sequence(Args args) {
		args.count(0, 1, args.name + " or " + args.name + "(start)");
		long start = (args.size() == 1) ? args.integer(0, "start") : 0;
		return (frame) -> start + frame.sequence;
	}

	private static Node integer(Args args) {
		args.count(2, 2, "int(min, max), both included");
		long min = args.integer(0, "min");
		long max = args.integer(1, "max");
		if (min > max) {
			throw args.error("min " + min + " is greater than max " + max);
		}
		long range = max - min + 1;
		if (range <= 0) {
			throw args.error("the range from " + min + " to " + max + " is too large");
		}
		return (frame) -> min + frame.random.nextLong(range);
	}

	private static Node decimal(Args args) {
		args.count(2, 3, "decimal(min, max) or decimal(min, max, scale), scale 2 by default");
		BigDecimal min = args.decimal(0, "min");
		BigDecimal max = args.decimal(1, "max");
		int scale = (args.size() == 3) ? args.scale(2) : 2;
		if (min.compareTo(max) > 0) {
			throw args.error("min " + min + " is greater than max " + max);
		}
		BigDecimal factor = BigDecimal.ONE.scaleByPowerOfTen(scale);
		long lowest;
		long highest;
		try {
			lowest = min.multiply(factor).setScale(0, RoundingMode.CEILING).longValueExact();
			highest = max.multiply(factor).setScale(0, RoundingMode.FLOOR).longValueExact();
		}
		catch (ArithmeticException ex) {
			throw args.error("the range from " + min + " to " + max + " is too large for the scale " + scale);
		}
		if (lowest > highest) {
			throw args.error("no number of scale " + scale + " lies between " + min + " and " + max);
		}
		long range = highest - lowest + 1;
		if (range <= 0) {
			throw args.error("the range from " + min + " to " + max + " is too large for the scale " + scale);
		}
		return (frame) -> BigDecimal.valueOf(lowest + frame.random.nextLong(range), scale);
	}

	private static Node uniform(Args args) {
		args.count(2, 3, "uniform(min, max) or uniform(min, max, scale)");
		double min = args.number(0, "min");
		double max = args.number(1, "max");
		if (min > max) {
			throw args.error("min " + min + " is greater than max " + max);
		}
		double span = max - min;
		return scaled(args, 2, (frame) -> min + span * frame.random.nextDouble());
	}

	private static Node normal(Args args) {
		args.count(2, 3, "normal(mean, sd) or normal(mean, sd, scale)");
		double mean = args.number(0, "mean");
		double sd = args.number(1, "sd");
		if (sd < 0) {
			throw args.error("the standard deviation " + sd + " is negative");
		}
		return scaled(args, 2, (frame) -> mean + sd * frame.random.nextGaussian());
	}

	private static Node exponential(Args args) {
		args.count(1, 2, "exponential(mean) or exponential(mean, scale)");
		double mean = args.number(0, "mean");
		if (mean <= 0) {
			throw args.error("the mean " + mean + " is not positive");
		}
		return scaled(args, 1, (frame) -> -mean * Math.log(1 - frame.random.nextDouble()));
	}

	interface DoubleNode {

		double draw(Frame frame);

	}

	/**
	 * Doubles, or decimals of the given scale if the argument at {@code scaleAt} is
	 * there.
	 */
	private static Node scaled(Args args, int scaleAt, DoubleNode draw) {
		if (args.size() <= scaleAt) {
			return draw::draw;
		}
		int scale = args.scale(scaleAt);
		return (frame) -> BigDecimal.valueOf(draw.draw(frame)).setScale(scale, RoundingMode.HALF_UP);
	}

	private static Node oneOf(Args args) {
		if (args.size() == 0) {
			throw args.error("takes at least one choice (oneOf(a, b, c))");
		}
		Object[] choices = new Object[args.size()];
		for (int i = 0; i < choices.length; i++) {
			choices[i] = args.literal(i);
		}
		return (frame) -> choices[frame.random.nextInt(choices.length)];
	}

	private static Node weighted(Args args) {
		String usage = "weighted(choice:weight, ...), e.g. weighted(card:7, cash:2, 'gift card':1)";
		if (args.size() == 0) {
			throw args.error("takes at least one choice (" + usage + ")");
		}
		Object[] choices = new Object[args.size()];
		double[] cumulative = new double[args.size()];
		double total = 0;
		for (int i = 0; i < choices.length; i++) {
			String arg = args.text(i);
			int colon = arg.lastIndexOf(':');
			if (args.quoted.get(i) || colon < 0) {
				throw args.error("'" + arg + "' has no weight (" + usage + ")");
			}
			String choice = arg.substring(0, colon).trim();
			boolean quoted = choice.length() >= 2 && (choice.charAt(0) == '\'' || choice.charAt(0) == '"');
			choices[i] = Args.literal(quoted ? Args.unquote(choice) : choice, quoted);
			double weight;
			try {
				weight = Double.parseDouble(arg.substring(colon + 1).trim());
			}
			catch (NumberFormatException ex) {
				throw args.error("the weight of '" + choice + "' is not a number (" + usage + ")");
			}
			if (!(weight > 0) || Double.isInfinite(weight)) {
				throw args.error("the weight of '" + choice + "' is not a positive number: " + weight);
			}
			total += weight;
			cumulative[i] = total;
		}
		double sum = total;
		return (frame) -> {
			double draw = frame.random.nextDouble() * sum;
			int i = Arrays.binarySearch(cumulative, draw);
			i = (i >= 0) ? i + 1 : -i - 1;
			return choices[Math.min(i, choices.length - 1)];
		};
	}

	private static Node bool(Args args) {
		args.count(0, 1, args.name + " or " + args.name + "(probability of true)");
		double p = (args.size() == 1) ? args.number(0, "probability") : 0.5;
		if (p < 0 || p > 1) {
			throw args.error("the probability " + p + " is not from 0 to 1");
		}
		return (frame) -> frame.random.nextDouble() < p;
	}

	private static Node now(Args args) {
		String usage = args.name
				+ "(offset=-1h, jitter=5m, format=iso|epochMillis|epochSeconds|date|'pattern', zone=UTC)";
		Map<String, String> named = args.named(List.of("offset", "jitter", "format", "zone"), usage);
		long offset = named.containsKey("offset") ? args.duration(named.get("offset"), "offset").toMillis() : 0;
		long jitter = named.containsKey("jitter") ? args.duration(named.get("jitter"), "jitter").toMillis() : 0;
		if (jitter < 0) {
			throw args.error("the jitter " + named.get("jitter") + " is negative");
		}
		ZoneId zone;
		try {
			zone = named.containsKey("zone") ? ZoneId.of(named.get("zone")) : ZoneOffset.UTC;
		}
		catch (DateTimeException ex) {
			throw args.error("'" + named.get("zone") + "' is not a time zone (such as UTC, +02:00 or Europe/Paris)");
		}
		long spread = 2 * jitter + 1;
		LongNode time = (jitter == 0) ? (frame) -> frame.nowMillis() + offset
				: (frame) -> frame.nowMillis() + offset + frame.random.nextLong(spread) - jitter;
		String format = named.getOrDefault("format", "iso");
		switch (format) {
			case "iso":
				if (zone.equals(ZoneOffset.UTC)) {
					return (frame) -> Instant.ofEpochMilli(time.draw(frame)).toString();
				}
				return formatted(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone), time);
			case "epochMillis":
				return time::draw;
			case "epochSeconds":
				return (frame) -> Math.floorDiv(time.draw(frame), 1000L);
			case "date":
				return formatted(DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone), time);
			default:
		}
		DateTimeFormatter formatter;
		try {
			formatter = DateTimeFormatter.ofPattern(format, java.util.Locale.ROOT).withZone(zone);
			formatter.format(Instant.EPOCH);
		}
		catch (IllegalArgumentException | DateTimeException ex) {
			throw args.error("the format '" + format
					+ "' is neither iso, epochMillis, epochSeconds, date nor a date-time pattern: " + ex.getMessage());
		}
		return formatted(formatter, time);
	}

	interface LongNode {

		long draw(Frame frame);

	}

	private static Node formatted(DateTimeFormatter formatter, LongNode time) {
		return (frame) -> formatter.format(Instant.ofEpochMilli(time.draw(frame)));
	}

	private static Node regex(Args args) {
		args.count(1, 1, "regex('[A-Z]{3}-[0-9]{4}')");
		String pattern = args.text(0);
		try {
			Pattern.compile(pattern);
		}
		catch (PatternSyntaxException ex) {
			throw args.error("'" + pattern + "' is not a regular expression: " + ex.getDescription() + " at index "
					+ ex.getIndex());
		}
		RegexString generator;
		try {
			generator = RegexString.compile(pattern);
		}
		catch (IllegalArgumentException ex) {
			throw args.error("cannot generate strings for '" + pattern + "': " + ex.getMessage());
		}
		return (frame) -> generator.generate(frame.random, UNBOUNDED_REPETITION);
	}

}
