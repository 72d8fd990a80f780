package dev.dcf.generator.engine.avro;

import java.util.Map;
import java.util.Set;

import dev.dcf.generator.engine.SpecException;

/**
 * The {@code arg.properties} of one schema node (the Avro Random Generator's hints), read
 * with checks: every problem is a {@link SpecException} naming the node's path and the
 * hint.
 */
final class Hints {

	static final String PROPERTY = "arg.properties";

	static final Set<String> KNOWN = Set.of("options", "iteration", "range", "length", "regex", "prefix", "suffix",
			"keys", "odds");

	private final Map<String, Object> values;

	final String path;

	private Hints(Map<String, Object> values, String path) {
		this.values = values;
		this.path = path;
	}

	@SuppressWarnings("unchecked")
	static Hints of(Object property, String path) {
		if (property == null) {
			return new Hints(Map.of(), path);
		}
		if (!(property instanceof Map)) {
			throw new SpecException(path, "'" + PROPERTY + "' must be an object of hints, was " + describe(property));
		}
		Map<String, Object> map = (Map<String, Object>) property;
		for (String name : map.keySet()) {
			if (!KNOWN.contains(name)) {
				throw new SpecException(path, "unknown hint '" + name + "' (known: "
						+ String.join(", ", KNOWN.stream().sorted().toList()) + ")");
			}
		}
		return new Hints(map, path);
	}

	boolean isEmpty() {
		return this.values.isEmpty();
	}

	boolean has(String hint) {
		return this.values.containsKey(hint);
	}

	Object get(String hint) {
		return this.values.get(hint);
	}

	/** Fails if a hint given does not apply to the node's type. */
	void allowOnly(String typeName, Set<String> allowed) {
		for (String name : this.values.keySet()) {
			if (!allowed.contains(name)) {
				throw fail(name, "does not apply to " + typeName + " (it takes: "
						+ String.join(", ", allowed.stream().sorted().toList()) + ")");
			}
		}
	}

	/** Fails if {@code hint} is given together with one of {@code others}. */
	void exclusive(String hint, String... others) {
		if (!has(hint)) {
			return;
		}
		for (String other : others) {
			if (has(other)) {
				throw fail(hint, "cannot be given together with '" + other + "'");
			}
		}
	}

	/** Hints of a nested object, such as the {@code keys} of a map. */
	Hints nested(String hint) {
		Object value = get(hint);
		if (!(value instanceof Map)) {
			throw fail(hint, "must be an object of hints, was " + describe(value));
		}
		return of(value, this.path + "." + hint);
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> object(String hint) {
		Object value = get(hint);
		if (!(value instanceof Map)) {
			throw fail(hint, "must be an object, was " + describe(value));
		}
		return (Map<String, Object>) value;
	}

	String string(String hint) {
		Object value = get(hint);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw fail(hint, "must be a string, was " + describe(value));
		}
		return text;
	}

	/**
	 * A number field of an object hint, such as {@code range.min}.
	 * @return the number, or {@code null} when absent
	 */
	Double number(String hint, Map<String, Object> object, String field) {
		Object value = object.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Number number)) {
			throw fail(hint, "'" + field + "' must be a number, was " + describe(value));
		}
		return number.doubleValue();
	}

	/**
	 * A whole-number field of an object hint.
	 * @return the number, or {@code null} when absent
	 */
	Long integral(String hint, Map<String, Object> object, String field, long min, long max) {
		Object value = object.get(field);
		if (value == null) {
			return null;
		}
		long result;
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			result = ((Number) value).longValue();
		}
		else if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
				&& Math.abs(number.doubleValue()) < 0x1p63) {
			result = number.longValue();
		}
		else {
			throw fail(hint, "'" + field + "' must be a whole number, was " + describe(value));
		}
		if (result < min || result > max) {
			throw fail(hint, "'" + field + "' is out of range [" + min + ", " + max + "]: " + result);
		}
		return result;
	}

	/** Fails if the object hint has fields other than {@code allowed}. */
	void fields(String hint, Map<String, Object> object, Set<String> allowed) {
		for (String name : object.keySet()) {
			if (!allowed.contains(name)) {
				throw fail(hint, "has no field '" + name + "' (it takes: "
						+ String.join(", ", allowed.stream().sorted().toList()) + ")");
			}
		}
	}

	SpecException fail(String hint, String message) {
		return new SpecException(this.path, "hint '" + hint + "' " + message);
	}

	static String describe(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map) {
			return "an object";
		}
		if (value instanceof java.util.List) {
			return "an array";
		}
		if (value instanceof String text) {
			return "the string \"" + text + "\"";
		}
		return String.valueOf(value);
	}

}
