package dev.dcf.generator.engine.template;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.Durations;
import dev.dcf.generator.engine.SpecException;

/**
 * The arguments of one expression as written, with the expression's place and text, so
 * each function reads and checks its own and every error names the field and the
 * expression.
 */
final class Args {

	final String path;

	final String name;

	final String expression;

	final List<String> values;

	/** Whether each argument was quoted (then it is text, never a number or a name). */
	final List<Boolean> quoted;

	/** Resolves references and nested expressions, for the functions that take them. */
	Expressions.Refs refs;

	Args(String path, String name, String expression, List<String> values, List<Boolean> quoted) {
		this.path = path;
		this.name = name;
		this.expression = expression;
		this.values = values;
		this.quoted = quoted;
	}

	int size() {
		return this.values.size();
	}

	SpecException error(String message) {
		return new SpecException(this.path, this.name + ": " + message + " in {{" + this.expression + "}}");
	}

	void count(int min, int max, String usage) {
		if (size() < min || size() > max) {
			throw error("takes " + ((min == max) ? String.valueOf(min) : min + " to " + max) + " argument"
					+ ((max == 1 && min == 1) ? "" : "s") + ", " + size() + " given (" + usage + ")");
		}
	}

	String text(int i) {
		return this.values.get(i);
	}

	double number(int i, String what) {
		try {
			double d = Double.parseDouble(text(i));
			if (!Double.isFinite(d)) {
				throw new NumberFormatException();
			}
			return d;
		}
		catch (NumberFormatException ex) {
			throw error(what + " '" + text(i) + "' is not a number");
		}
	}

	long integer(int i, String what) {
		try {
			return Long.parseLong(text(i));
		}
		catch (NumberFormatException ex) {
			throw error(what + " '" + text(i) + "' is not a whole number");
		}
	}

	BigDecimal decimal(int i, String what) {
		try {
			return new BigDecimal(text(i));
		}
		catch (NumberFormatException ex) {
			throw error(what + " '" + text(i) + "' is not a number");
		}
	}

	int scale(int i) {
		long scale = integer(i, "scale");
		if (scale < 0 || scale > 18) {
			throw error("scale " + scale + " is not from 0 to 18 digits after the point");
		}
		return (int) scale;
	}

	Duration duration(String text, String what) {
		try {
			return Durations.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw error(what + " " + ex.getMessage());
		}
	}

	/**
	 * Arguments written {@code name=value}, in order; an argument without '=' is an
	 * error.
	 */
	Map<String, String> named(List<String> allowed, String usage) {
		Map<String, String> named = new LinkedHashMap<>();
		for (int i = 0; i < size(); i++) {
			String arg = text(i);
			int eq = arg.indexOf('=');
			String key = (eq < 0 || this.quoted.get(i)) ? "" : arg.substring(0, eq).trim();
			if (!allowed.contains(key)) {
				throw error("'" + arg + "' is not one of " + allowed + " given as name=value (" + usage + ")");
			}
			if (named.put(key, unquote(arg.substring(eq + 1).trim())) != null) {
				throw error(key + " is given twice");
			}
		}
		return named;
	}

	/** A literal argument as a JSON-like value: numbers, true, false, null, else text. */
	Object literal(int i) {
		return literal(text(i), this.quoted.get(i));
	}

	static Object literal(String text, boolean quoted) {
		if (quoted) {
			return text;
		}
		switch (text) {
			case "true":
				return Boolean.TRUE;
			case "false":
				return Boolean.FALSE;
			case "null":
				return null;
			default:
		}
		if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-')) {
			try {
				return (text.contains(".") || text.contains("e") || text.contains("E")) ? new BigDecimal(text)
						: Long.valueOf(text);
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		return text;
	}

	static String unquote(String text) {
		if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
				&& text.charAt(text.length() - 1) == text.charAt(0)) {
			return text.substring(1, text.length() - 1);
		}
		return text;
	}

	/**
	 * Splits an argument list at its top-level commas: commas inside quotes ('...' or
	 * "...") or brackets stay in their argument. An argument that is one quoted string is
	 * text, its quotes removed and {@code \'} (or {@code \"}) read as the quote; other
	 * backslashes stay (regular expressions need them).
	 */
	static Args split(String path, String name, String expression, String list) {
		List<String> values = new ArrayList<>();
		List<Boolean> quoted = new ArrayList<>();
		if (list.isBlank()) {
			return new Args(path, name, expression, values, quoted);
		}
		List<String> raw = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		int depth = 0;
		for (int i = 0; i < list.length(); i++) {
			char c = list.charAt(i);
			if (c == '\'' || c == '"') {
				int end = closingQuote(list, i);
				if (end < 0) {
					throw new SpecException(path,
							name + ": the quote " + c + " is not closed in {{" + expression + "}}");
				}
				current.append(list, i, end + 1);
				i = end;
				continue;
			}
			if (c == '(' || c == '[' || c == '{') {
				depth++;
			}
			else if (c == ')' || c == ']' || c == '}') {
				depth--;
			}
			if (c == ',' && depth == 0) {
				raw.add(current.toString().trim());
				current.setLength(0);
				continue;
			}
			current.append(c);
		}
		raw.add(current.toString().trim());
		for (String arg : raw) {
			if (arg.isEmpty()) {
				throw new SpecException(path, name + ": an empty argument in {{" + expression + "}}");
			}
			char first = arg.charAt(0);
			if ((first == '\'' || first == '"') && closingQuote(arg, 0) == arg.length() - 1) {
				values.add(arg.substring(1, arg.length() - 1).replace("\\" + first, String.valueOf(first)));
				quoted.add(true);
			}
			else {
				values.add(arg);
				quoted.add(false);
			}
		}
		return new Args(path, name, expression, values, quoted);
	}

	private static int closingQuote(String text, int open) {
		char quote = text.charAt(open);
		for (int i = open + 1; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == quote) {
				i++;
			}
			else if (c == quote) {
				return i;
			}
		}
		return -1;
	}

}
