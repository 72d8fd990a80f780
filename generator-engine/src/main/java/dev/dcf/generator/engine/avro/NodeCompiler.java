package dev.dcf.generator.engine.avro;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import dev.dcf.generator.engine.RegexString;
import dev.dcf.generator.engine.SpecException;

/**
 * Compiles a schema and its hints into a tree of {@link Node}s once, checking every hint:
 * generation then never looks at the schema or the hints again. Paths name fields as
 * {@code $.fields.address.fields.city}, array items as {@code .items}, map values as
 * {@code .values} and union branches as {@code [i]}.
 */
final class NodeCompiler {

	/**
	 * Default window of unhinted timestamps and dates: 2024-01-01 to 2026-01-01 (UTC).
	 */
	static final long TIME_FROM_MILLIS = 1_704_067_200_000L;

	static final long TIME_TO_MILLIS = 1_767_225_600_000L;

	private static final long DAY_MILLIS = 86_400_000L;

	private static final Set<String> NUMBER_HINTS = Set.of("options", "range", "iteration");

	private final Map<String, ValueNodes.RecordNode> records = new HashMap<>();

	private final Set<String> compiling = new HashSet<>();

	private int counters;

	/** How many iteration counters the compiled tree uses. */
	int counters() {
		return this.counters;
	}

	Node compile(Schema schema) {
		return compile(schema, "$", null);
	}

	private Node compile(Schema schema, String path, Object fieldHints) {
		Object property = schema.getObjectProp(Hints.PROPERTY);
		Hints hints = Hints.of((property != null) ? property : fieldHints, path);
		if (hints.has("options")) {
			hints.exclusive("options", "length", "regex", "iteration", "range", "odds", "keys", "prefix", "suffix");
			return options(schema, hints);
		}
		hints.exclusive("iteration", "length", "regex", "range", "odds", "keys");
		return switch (schema.getType()) {
			case NULL -> {
				hints.allowOnly("null", Set.of("options"));
				yield new ValueNodes.Constant(null);
			}
			case BOOLEAN -> bool(hints);
			case INT -> integral(schema, hints, true);
			case LONG -> integral(schema, hints, false);
			case FLOAT -> decimal(hints, true);
			case DOUBLE -> decimal(hints, false);
			case STRING -> string(schema, hints);
			case BYTES -> bytes(schema, hints);
			case FIXED -> {
				LogicalType logical = schema.getLogicalType();
				if (logical instanceof LogicalTypes.Decimal d) {
					yield decimalBytes(d, schema, hints);
				}
				hints.allowOnly("fixed", Set.of("options"));
				yield new ValueNodes.RandomFixed(schema);
			}
			case ENUM -> {
				hints.allowOnly("enum", Set.of("options"));
				yield new ValueNodes.EnumNode(schema);
			}
			case ARRAY -> {
				hints.allowOnly("array", Set.of("options", "length"));
				yield new ValueNodes.ArrayNode(schema, length(hints, false),
						compile(schema.getElementType(), path + ".items", null));
			}
			case MAP -> {
				hints.allowOnly("map", Set.of("options", "length", "keys"));
				Node keys = hints.has("keys") ? keys(hints.nested("keys"))
						: new ValueNodes.RandomString(ValueNodes.Length.DEFAULT, "", "");
				yield new ValueNodes.MapNode(length(hints, false), keys,
						compile(schema.getValueType(), path + ".values", null));
			}
			case UNION -> {
				hints.allowOnly("union", Set.of("options"));
				List<Node> branches = new ArrayList<>();
				List<Schema> types = schema.getTypes();
				int nullBranch = -1;
				for (int i = 0; i < types.size(); i++) {
					branches.add(compile(types.get(i), path + "[" + i + "]", null));
					if (types.get(i).getType() == Schema.Type.NULL && nullBranch < 0) {
						nullBranch = i;
					}
				}
				yield new ValueNodes.UnionNode(branches, nullBranch);
			}
			case RECORD -> record(schema, hints, path);
		};
	}

	private Node keys(Hints hints) {
		Schema string = Schema.create(Schema.Type.STRING);
		if (hints.has("options")) {
			hints.exclusive("options", "length", "regex", "iteration", "prefix", "suffix");
			return options(string, hints);
		}
		return string(string, hints);
	}

	private Node record(Schema schema, Hints hints, String path) {
		hints.allowOnly("record", Set.of("options"));
		ValueNodes.RecordNode known = this.records.get(schema.getFullName());
		if (known != null) {
			if (this.compiling.contains(schema.getFullName())) {
				// the record contains itself: its depth is watched as it generates
				known.recursive();
			}
			return known;
		}
		this.compiling.add(schema.getFullName());
		ValueNodes.RecordNode node = new ValueNodes.RecordNode(schema);
		this.records.put(schema.getFullName(), node);
		List<Node> fields = new ArrayList<>();
		String prefix = path.equals("$") ? "$.fields." : path + ".fields.";
		for (Schema.Field field : schema.getFields()) {
			fields.add(compile(field.schema(), prefix + field.name(), field.getObjectProp(Hints.PROPERTY)));
		}
		node.fields(fields);
		this.compiling.remove(schema.getFullName());
		return node;
	}

	private Node options(Schema schema, Hints hints) {
		Object value = hints.get("options");
		if (value instanceof Map) {
			throw hints.fail("options", "from a file ({\"file\": ...}) are not supported: list the options inline");
		}
		if (!(value instanceof List<?> list) || list.isEmpty()) {
			throw hints.fail("options", "must be a non-empty array, was " + Hints.describe(value));
		}
		List<Object> options = new ArrayList<>();
		for (int i = 0; i < list.size(); i++) {
			try {
				options.add(OptionValues.convert(schema, list.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw hints.fail("options", "option " + i + ": " + ex.getMessage());
			}
		}
		return new ValueNodes.Options(options, schema.getType() == Schema.Type.BYTES);
	}

	private Node bool(Hints hints) {
		hints.allowOnly("boolean", Set.of("options", "iteration", "odds"));
		if (hints.has("iteration")) {
			Map<String, Object> iteration = hints.object("iteration");
			hints.fields("iteration", iteration, Set.of("start"));
			if (!(iteration.get("start") instanceof Boolean start)) {
				throw hints.fail("iteration", "'start' must be true or false for a boolean");
			}
			return new IterationNode.Bool(this.counters++, start);
		}
		if (hints.has("odds")) {
			Object odds = hints.get("odds");
			if (!(odds instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
				throw hints.fail("odds", "must be a number from 0 to 1, was " + Hints.describe(odds));
			}
			return new ValueNodes.Bool(n.doubleValue());
		}
		return new ValueNodes.Bool(-1);
	}

	private Node integral(Schema schema, Hints hints, boolean asInt) {
		hints.allowOnly(asInt ? "int" : "long", NUMBER_HINTS);
		long lowest = asInt ? Integer.MIN_VALUE : Long.MIN_VALUE;
		long highest = asInt ? Integer.MAX_VALUE : Long.MAX_VALUE;
		if (hints.has("iteration")) {
			return integralIteration(hints, lowest, highest, asInt, null, null);
		}
		if (hints.has("range")) {
			Map<String, Object> range = hints.object("range");
			hints.fields("range", range, Set.of("min", "max"));
			Long min = hints.integral("range", range, "min", lowest, highest);
			Long max = hints.integral("range", range, "max", lowest, highest);
			if (min == null && max == null) {
				throw hints.fail("range", "needs 'min' or 'max'");
			}
			long from = (min != null) ? min : lowest;
			if (max != null && from >= max) {
				throw hints.fail("range", "'min' (" + from + ") must be less than 'max' (" + max + ")");
			}
			if (asInt) {
				return new ValueNodes.IntRange((int) from, (max != null) ? max : highest + 1L);
			}
			return new ValueNodes.LongRange(from, (max != null) ? max : Long.MAX_VALUE, false);
		}
		LogicalType logical = schema.getLogicalType();
		if (logical instanceof LogicalTypes.Date) {
			return new ValueNodes.IntRange((int) (TIME_FROM_MILLIS / DAY_MILLIS), TIME_TO_MILLIS / DAY_MILLIS);
		}
		if (logical instanceof LogicalTypes.TimeMillis) {
			return new ValueNodes.IntRange(0, DAY_MILLIS);
		}
		if (logical instanceof LogicalTypes.TimeMicros) {
			return new ValueNodes.LongRange(0, DAY_MILLIS * 1000, false);
		}
		if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
			return new ValueNodes.LongRange(TIME_FROM_MILLIS, TIME_TO_MILLIS, false);
		}
		if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
			return new ValueNodes.LongRange(TIME_FROM_MILLIS * 1000, TIME_TO_MILLIS * 1000, false);
		}
		if (logical instanceof LogicalTypes.TimestampNanos || logical instanceof LogicalTypes.LocalTimestampNanos) {
			return new ValueNodes.LongRange(TIME_FROM_MILLIS * 1_000_000, TIME_TO_MILLIS * 1_000_000, false);
		}
		return asInt ? new ValueNodes.IntRange(Integer.MIN_VALUE, Integer.MAX_VALUE + 1L)
				: new ValueNodes.LongRange(0, 0, true);
	}

	private Node integralIteration(Hints hints, long lowest, long highest, boolean asInt, String prefix,
			String suffix) {
		Map<String, Object> iteration = hints.object("iteration");
		hints.fields("iteration", iteration, Set.of("start", "restart", "step", "initial"));
		Long start = hints.integral("iteration", iteration, "start", lowest, highest);
		if (start == null) {
			throw hints.fail("iteration", "needs 'start'");
		}
		Long restart = hints.integral("iteration", iteration, "restart", lowest, highest);
		Long step = hints.integral("iteration", iteration, "step", lowest + 1, highest);
		Long initial = hints.integral("iteration", iteration, "initial", lowest, highest);
		long stepValue = checkStep(hints, start, restart, step);
		if (initial != null && restart != null && !between(initial, start, restart)) {
			throw hints.fail("iteration", "'initial' (" + initial + ") must lie from 'start' up to 'restart'");
		}
		return new IterationNode.Integral(this.counters++, start, (restart != null) ? restart : 0, stepValue,
				(initial != null) ? initial : start, restart != null, asInt, prefix, suffix);
	}

	private static boolean between(double value, double start, double restart) {
		return (start < restart) ? value >= start && value < restart : value <= start && value > restart;
	}

	private static long checkStep(Hints hints, double start, Number restart, Number step) {
		if (step != null && step.doubleValue() == 0) {
			throw hints.fail("iteration", "'step' must not be 0");
		}
		if (restart == null) {
			return (step != null) ? step.longValue() : 1;
		}
		if (restart.doubleValue() == start) {
			throw hints.fail("iteration", "'restart' must differ from 'start'");
		}
		double direction = Math.signum(restart.doubleValue() - start);
		if (step != null && Math.signum(step.doubleValue()) != direction) {
			throw hints.fail("iteration", "'step' must move from 'start' towards 'restart'");
		}
		return (step != null) ? step.longValue() : (long) direction;
	}

	private Node decimal(Hints hints, boolean asFloat) {
		hints.allowOnly(asFloat ? "float" : "double", NUMBER_HINTS);
		double highest = asFloat ? Float.MAX_VALUE : Double.MAX_VALUE;
		if (hints.has("iteration")) {
			Map<String, Object> iteration = hints.object("iteration");
			hints.fields("iteration", iteration, Set.of("start", "restart", "step", "initial"));
			Double start = hints.number("iteration", iteration, "start");
			if (start == null) {
				throw hints.fail("iteration", "needs 'start'");
			}
			Double restart = hints.number("iteration", iteration, "restart");
			Double step = hints.number("iteration", iteration, "step");
			Double initial = hints.number("iteration", iteration, "initial");
			if (step != null && step == 0) {
				throw hints.fail("iteration", "'step' must not be 0");
			}
			double stepValue = (step != null) ? step : 1;
			if (restart != null) {
				checkStep(hints, start, restart, (step != null) ? step : Math.signum(restart - start));
				stepValue = (step != null) ? step : Math.signum(restart - start);
				if (initial != null && !between(initial, start, restart)) {
					throw hints.fail("iteration", "'initial' (" + initial + ") must lie from 'start' up to 'restart'");
				}
			}
			return new IterationNode.Decimal(this.counters++, start, (restart != null) ? restart : 0, stepValue,
					(initial != null) ? initial : start, restart != null, asFloat);
		}
		if (hints.has("range")) {
			Map<String, Object> range = hints.object("range");
			hints.fields("range", range, Set.of("min", "max"));
			Double min = hints.number("range", range, "min");
			Double max = hints.number("range", range, "max");
			if (min == null && max == null) {
				throw hints.fail("range", "needs 'min' or 'max'");
			}
			double from = (min != null) ? min : -highest;
			double to = (max != null) ? max : highest;
			if (from >= to) {
				throw hints.fail("range", "'min' (" + from + ") must be less than 'max' (" + to + ")");
			}
			return new ValueNodes.DoubleRange(from, to, asFloat);
		}
		return new ValueNodes.DoubleRange(0, 1, asFloat);
	}

	private Node string(Schema schema, Hints hints) {
		hints.allowOnly("string", Set.of("options", "iteration", "length", "regex", "prefix", "suffix"));
		String prefix = hints.string("prefix");
		String suffix = hints.string("suffix");
		prefix = (prefix != null) ? prefix : "";
		suffix = (suffix != null) ? suffix : "";
		if (hints.has("iteration")) {
			return integralIteration(hints, Integer.MIN_VALUE, Integer.MAX_VALUE, true, prefix, suffix);
		}
		if (hints.has("regex")) {
			String pattern = hints.string("regex");
			RegexString regex;
			try {
				regex = RegexString.compile(pattern);
			}
			catch (IllegalArgumentException ex) {
				throw hints.fail("regex", ex.getMessage());
			}
			return new ValueNodes.RegexNode(regex, hints.has("length") ? length(hints, true) : null, prefix, suffix);
		}
		if (hints.isEmpty() && schema.getLogicalType() != null && "uuid".equals(schema.getLogicalType().getName())) {
			return new ValueNodes.Uuid();
		}
		return new ValueNodes.RandomString(length(hints, false), prefix, suffix);
	}

	private Node bytes(Schema schema, Hints hints) {
		LogicalType logical = schema.getLogicalType();
		if (logical instanceof LogicalTypes.Decimal d) {
			return decimalBytes(d, null, hints);
		}
		hints.allowOnly("bytes", Set.of("options", "length"));
		return new ValueNodes.RandomBytes(length(hints, false));
	}

	/** A decimal (bytes or fixed): any of its precision, or in the {@code range} hint. */
	private static Node decimalBytes(LogicalTypes.Decimal decimal, Schema fixed, Hints hints) {
		hints.allowOnly("a decimal", Set.of("options", "range"));
		if (!hints.has("range")) {
			return new ValueNodes.Decimal(decimal.getPrecision(), fixed);
		}
		Map<String, Object> range = hints.object("range");
		hints.fields("range", range, Set.of("min", "max"));
		Double min = hints.number("range", range, "min");
		Double max = hints.number("range", range, "max");
		if (min == null || max == null) {
			throw hints.fail("range", "needs 'min' and 'max' for a decimal");
		}
		BigDecimal limit = BigDecimal.TEN.pow(decimal.getPrecision() - decimal.getScale());
		BigDecimal from = BigDecimal.valueOf(min);
		BigDecimal to = BigDecimal.valueOf(max);
		if (from.compareTo(to) >= 0) {
			throw hints.fail("range", "'min' (" + min + ") must be less than 'max' (" + max + ")");
		}
		if (from.abs().compareTo(limit) > 0 || to.abs().compareTo(limit) > 0 || decimal.getPrecision() > 18) {
			throw hints.fail("range",
					"does not fit decimal(" + decimal.getPrecision() + ", " + decimal.getScale() + ")");
		}
		long low = from.setScale(decimal.getScale(), RoundingMode.CEILING).unscaledValue().longValueExact();
		long high = to.setScale(decimal.getScale(), RoundingMode.CEILING).unscaledValue().longValueExact();
		long precisionBound = limit.movePointRight(decimal.getScale()).longValueExact();
		high = Math.min(high, precisionBound);
		low = Math.max(low, -precisionBound + 1);
		if (low >= high) {
			throw hints.fail("range", "holds no decimal of scale " + decimal.getScale());
		}
		return new ValueNodes.DecimalRange(low, high, fixed);
	}

	/**
	 * The {@code length} hint: a number (exact; with a regex, the least length) or
	 * {@code {min, max}} with max exclusive; 8 to 15 when absent.
	 */
	private static ValueNodes.Length length(Hints hints, boolean withRegex) {
		if (!hints.has("length")) {
			return ValueNodes.Length.DEFAULT;
		}
		Object value = hints.get("length");
		if (value instanceof Number number) {
			if (number.doubleValue() != Math.rint(number.doubleValue()) || number.doubleValue() < 0
					|| number.doubleValue() > 1_000_000) {
				throw hints.fail("length", "must be a whole number from 0 to 1000000 or {min, max}, was " + number);
			}
			long exact = number.longValue();
			return withRegex ? new ValueNodes.Length((int) exact, Integer.MAX_VALUE)
					: new ValueNodes.Length((int) exact, (int) exact + 1);
		}
		Map<String, Object> bounds = hints.object("length");
		hints.fields("length", bounds, Set.of("min", "max"));
		Long min = hints.integral("length", bounds, "min", 0, 1_000_000);
		Long max = hints.integral("length", bounds, "max", 0, 1_000_001);
		if (min == null && max == null) {
			throw hints.fail("length", "needs 'min' or 'max'");
		}
		int from = (min != null) ? min.intValue() : 0;
		// no max: a regex takes any length from min on, other values up to 8 more than
		// min
		int to = (max != null) ? max.intValue() : withRegex ? Integer.MAX_VALUE : from + 9;
		if (to <= from) {
			throw hints.fail("length", "'max' (" + to + ") must be greater than 'min' (" + from + ")");
		}
		return new ValueNodes.Length(from, to);
	}

}
