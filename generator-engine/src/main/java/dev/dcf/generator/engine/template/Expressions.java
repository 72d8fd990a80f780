package dev.dcf.generator.engine.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import dev.dcf.generator.engine.SpecException;

/**
 * The expression language of templates: a JSON string holding {@code {{...}}} is
 * generated. A string that is exactly one expression takes the expression's value and
 * type; text around expressions makes a string. Inside the braces: {@code name},
 * {@code name(arg, ...)} or a reference {@code $.path}.
 */
final class Expressions {

	/** What expressions need of the template being compiled. */
	interface Refs {

		/** A node reading the value of the earlier field at {@code path}. */
		Node reference(String path, Args args);

		/** A new pool of values of each generator's frame, by its number. */
		int newPool();

	}

	private static final Map<String, Function<Args, Node>> FUNCTIONS = new HashMap<>();

	private static final Map<String, String> CANONICAL = new HashMap<>();

	static {
		register(Functions.all());
		register(Fakers.aliases());
		register(Map.of("faker", Fakers::generic));
		register(Map.of("ref", Expressions::ref, "lower", (args) -> cased(args, false), "upper",
				(args) -> cased(args, true)));
	}

	private Expressions() {
	}

	private static void register(Map<String, Function<Args, Node>> functions) {
		functions.forEach((name, function) -> {
			FUNCTIONS.put(name.toLowerCase(Locale.ROOT), function);
			CANONICAL.put(name.toLowerCase(Locale.ROOT), name);
		});
	}

	/** The names of all expressions, for docs and error messages. */
	static TreeSet<String> names() {
		return new TreeSet<>(CANONICAL.values());
	}

	/** The text of a value in a string: numbers plain, {@code null} as nothing. */
	static String text(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof String s) {
			return s;
		}
		if (value instanceof BigDecimal d) {
			return d.toPlainString();
		}
		return String.valueOf(value);
	}

	static Node compileText(String text, String path, Refs refs) {
		int open = text.indexOf("{{");
		if (open < 0) {
			if (text.contains("}}")) {
				throw new SpecException(path, "'}}' without '{{' in \"" + text + "\"");
			}
			return new TemplateCompiler.Literal(text);
		}
		List<Node> parts = new ArrayList<>();
		int at = 0;
		while (open >= 0) {
			if (open > at) {
				parts.add(new TemplateCompiler.Literal(text.substring(at, open)));
			}
			int close = closing(text, open + 2, path);
			parts.add(compileExpression(text.substring(open + 2, close), path, refs));
			at = close + 2;
			open = text.indexOf("{{", at);
		}
		if (at < text.length()) {
			parts.add(new TemplateCompiler.Literal(text.substring(at)));
		}
		if (parts.size() == 1) {
			return parts.get(0);
		}
		Node[] nodes = parts.toArray(Node[]::new);
		return (frame) -> {
			StringBuilder s = new StringBuilder(32);
			for (Node part : nodes) {
				s.append(text(part.eval(frame)));
			}
			return s.toString();
		};
	}

	/**
	 * Where the expression opened before {@code from} closes, skipping quotes and braces
	 * inside.
	 */
	private static int closing(String text, int from, String path) {
		int depth = 0;
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\'' || c == '"') {
				int end = text.indexOf(c, i + 1);
				while (end > 0 && text.charAt(end - 1) == '\\') {
					end = text.indexOf(c, end + 1);
				}
				if (end < 0) {
					break;
				}
				i = end;
			}
			else if (c == '{') {
				depth++;
			}
			else if (c == '}') {
				if (depth == 0 && i + 1 < text.length() && text.charAt(i + 1) == '}') {
					return i;
				}
				depth = Math.max(0, depth - 1);
			}
		}
		throw new SpecException(path, "an expression is not closed with '}}' in \"" + text + "\"");
	}

	/** One expression, without its braces. */
	static Node compileExpression(String expression, String path, Refs refs) {
		String e = expression.trim();
		if (e.isEmpty()) {
			throw new SpecException(path, "an empty expression {{}}");
		}
		if (e.startsWith("{{") && e.endsWith("}}")) {
			return compileExpression(e.substring(2, e.length() - 2), path, refs);
		}
		char first = e.charAt(0);
		if ((first == '\'' || first == '"') && e.length() >= 2 && e.charAt(e.length() - 1) == first) {
			return new TemplateCompiler.Literal(e.substring(1, e.length() - 1));
		}
		if (first == '$') {
			Args args = new Args(path, "ref", e, List.of(e), List.of(false));
			return refs.reference(e, args);
		}
		int end = 0;
		while (end < e.length() && (Character.isLetterOrDigit(e.charAt(end)) || e.charAt(end) == '_')) {
			end++;
		}
		String name = e.substring(0, end);
		String rest = e.substring(end).trim();
		Function<Args, Node> function = FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
		if (name.isEmpty() || function == null) {
			String shown = name.isEmpty() ? e : name;
			String closest = closest(shown);
			throw new SpecException(path,
					"unknown expression '" + shown + "' in {{" + expression.trim() + "}}" + ((closest != null)
							? " (did you mean " + closest + "?)" : " (see docs/generator.md for the list)"));
		}
		String canonical = CANONICAL.get(name.toLowerCase(Locale.ROOT));
		Args args;
		if (rest.isEmpty()) {
			args = new Args(path, canonical, e, List.of(), List.of());
		}
		else if (rest.startsWith("(") && rest.endsWith(")")) {
			args = Args.split(path, canonical, e, rest.substring(1, rest.length() - 1));
		}
		else {
			throw new SpecException(path,
					canonical + ": expected '(arguments)' after the name, found '" + rest + "' in {{" + e + "}}");
		}
		args.refs = refs;
		return function.apply(args);
	}

	/** The known name nearest to a misspelt one, if it is near (at most 2 edits). */
	private static String closest(String name) {
		String best = null;
		int bestDistance = 3;
		for (String known : names()) {
			int distance = distance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
			if (distance < bestDistance) {
				best = known;
				bestDistance = distance;
			}
		}
		return best;
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Node ref(Args args) {
		args.count(1, 1, "ref($.value.field)");
		String target = args.text(0);
		if (!target.startsWith("$")) {
			throw args.error("'" + target + "' is not a path such as $.value.field");
		}
		return args.refs.reference(target, args);
	}

	private static Node cased(Args args, boolean upper) {
		args.count(1, 1, args.name + "(expression), e.g. " + args.name + "($.value.name)");
		Node inner = compileExpression(args.text(0), args.path, args.refs);
		return upper ? (frame) -> text(inner.eval(frame)).toUpperCase(Locale.ROOT)
				: (frame) -> text(inner.eval(frame)).toLowerCase(Locale.ROOT);
	}

}
