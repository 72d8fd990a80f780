package dev.dcf.generator.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Strings that match a regular expression, drawn from a seeded random source. Supports
 * the usual generation subset: literals and escapes, {@code .}, character classes (with
 * ranges, negation and {@code \d \w \s}), groups ({@code (...)}, {@code (?:...)}),
 * alternation and the quantifiers {@code * + ? {n} {n,} {n,m}}; anchors are ignored.
 * Unbounded repetitions draw at most {@link #OPEN_REPEAT} extra items (or up to the
 * maximum length when one is given). Parsed once, then generation only walks a small
 * tree.
 */
public final class RegexString {

	/** How many items an unbounded repetition adds at most beyond its minimum. */
	public static final int OPEN_REPEAT = 8;

	/** Printable ASCII: what {@code .} and negated classes draw from. */
	private static final char[] PRINTABLE = range(' ', '~');

	private static final char[] DIGITS = range('0', '9');

	private static final char[] WORD = concat(range('a', 'z'), range('A', 'Z'), DIGITS, new char[] { '_' });

	private static final char[] SPACE = { ' ', '\t' };

	private final Part root;

	private final String pattern;

	private RegexString(String pattern, Part root) {
		this.pattern = pattern;
		this.root = root;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the regular expression
	 * @return its generator
	 * @throws IllegalArgumentException naming the position of what cannot be generated
	 */
	public static RegexString compile(String pattern) {
		Parser parser = new Parser(pattern);
		Part root = parser.alternation();
		if (parser.pos < pattern.length()) {
			throw parser.error("unbalanced ')'");
		}
		return new RegexString(pattern, root);
	}

	/**
	 * One matching string.
	 * @param random the source of choices
	 * @param openLimit how many items an unbounded repetition may add beyond its minimum
	 * @return the string
	 */
	public String generate(RandomGenerator random, int openLimit) {
		StringBuilder out = new StringBuilder(16);
		this.root.append(out, random, openLimit);
		return out.toString();
	}

	/**
	 * One matching string whose length is in {@code [minLength, maxLength)} if one can be
	 * found in a few tries (else the last try's).
	 * @param random the source of choices
	 * @param minLength the least length
	 * @param maxLength the length the string stays below
	 * @return the string
	 */
	public String generate(RandomGenerator random, int minLength, int maxLength) {
		int open = Math.max(OPEN_REPEAT, Math.min(maxLength, 256));
		String best = null;
		for (int attempt = 0; attempt < 64; attempt++) {
			String candidate = generate(random, open);
			if (candidate.length() >= minLength && candidate.length() < maxLength) {
				return candidate;
			}
			best = candidate;
		}
		return best;
	}

	@Override
	public String toString() {
		return this.pattern;
	}

	private abstract static class Part {

		abstract void append(StringBuilder out, RandomGenerator random, int openLimit);

	}

	private static final class Literal extends Part {

		private final char c;

		Literal(char c) {
			this.c = c;
		}

		@Override
		void append(StringBuilder out, RandomGenerator random, int openLimit) {
			out.append(this.c);
		}

	}

	private static final class CharSet extends Part {

		private final char[] chars;

		CharSet(char[] chars) {
			this.chars = chars;
		}

		@Override
		void append(StringBuilder out, RandomGenerator random, int openLimit) {
			out.append(this.chars[random.nextInt(this.chars.length)]);
		}

	}

	private static final class Sequence extends Part {

		private final Part[] parts;

		Sequence(List<Part> parts) {
			this.parts = parts.toArray(Part[]::new);
		}

		@Override
		void append(StringBuilder out, RandomGenerator random, int openLimit) {
			for (Part part : this.parts) {
				part.append(out, random, openLimit);
			}
		}

	}

	private static final class Alternation extends Part {

		private final Part[] choices;

		Alternation(List<Part> choices) {
			this.choices = choices.toArray(Part[]::new);
		}

		@Override
		void append(StringBuilder out, RandomGenerator random, int openLimit) {
			this.choices[random.nextInt(this.choices.length)].append(out, random, openLimit);
		}

	}

	private static final class Repeat extends Part {

		private final Part item;

		private final int min;

		/** -1 for unbounded. */
		private final int max;

		Repeat(Part item, int min, int max) {
			this.item = item;
			this.min = min;
			this.max = max;
		}

		@Override
		void append(StringBuilder out, RandomGenerator random, int openLimit) {
			int upper = (this.max < 0) ? this.min + openLimit : this.max;
			int count = (upper == this.min) ? this.min : this.min + random.nextInt(upper - this.min + 1);
			for (int i = 0; i < count; i++) {
				this.item.append(out, random, openLimit);
			}
		}

	}

	private static final class Parser {

		private final String p;

		private int pos;

		Parser(String pattern) {
			this.p = pattern;
		}

		IllegalArgumentException error(String what) {
			return new IllegalArgumentException(what + " at index " + this.pos + " of /" + this.p + "/");
		}

		boolean more() {
			return this.pos < this.p.length();
		}

		Part alternation() {
			List<Part> choices = new ArrayList<>();
			choices.add(sequence());
			while (more() && this.p.charAt(this.pos) == '|') {
				this.pos++;
				choices.add(sequence());
			}
			return (choices.size() == 1) ? choices.get(0) : new Alternation(choices);
		}

		Part sequence() {
			List<Part> parts = new ArrayList<>();
			while (more()) {
				char c = this.p.charAt(this.pos);
				if (c == '|' || c == ')') {
					break;
				}
				if (c == '^' || c == '$') {
					this.pos++;
					continue;
				}
				Part atom = atom();
				parts.add(quantified(atom));
			}
			return (parts.size() == 1) ? parts.get(0) : new Sequence(parts);
		}

		Part atom() {
			char c = this.p.charAt(this.pos++);
			switch (c) {
				case '(':
					if (this.p.startsWith("?:", this.pos)) {
						this.pos += 2;
					}
					else if (more() && this.p.charAt(this.pos) == '?') {
						throw error("lookarounds and group flags cannot be generated");
					}
					Part inner = alternation();
					if (!more() || this.p.charAt(this.pos) != ')') {
						throw error("missing ')'");
					}
					this.pos++;
					return inner;
				case '[':
					return new CharSet(charClass());
				case '.':
					return new CharSet(PRINTABLE);
				case '\\':
					return escape(false);
				case '*':
				case '+':
				case '?':
				case '{':
					this.pos--;
					throw error("nothing to repeat for '" + c + "'");
				default:
					return new Literal(c);
			}
		}

		/** After a backslash; in a class, returns a set or a one-char set. */
		Part escape(boolean inClass) {
			if (!more()) {
				throw error("trailing '\\'");
			}
			char c = this.p.charAt(this.pos++);
			return switch (c) {
				case 'd' -> new CharSet(DIGITS);
				case 'w' -> new CharSet(WORD);
				case 's' -> new CharSet(SPACE);
				case 'D', 'W', 'S' -> new CharSet(complement(switch (c) {
					case 'D' -> DIGITS;
					case 'W' -> WORD;
					default -> SPACE;
				}));
				case 't' -> new Literal('\t');
				case 'n' -> new Literal('\n');
				case 'r' -> new Literal('\r');
				case 'b', 'B' -> {
					if (inClass) {
						throw error("'\\" + c + "' in a class");
					}
					yield new Sequence(List.of());
				}
				default -> {
					if (Character.isLetterOrDigit(c)) {
						this.pos--;
						throw error("unsupported escape '\\" + c + "'");
					}
					yield new Literal(c);
				}
			};
		}

		char[] charClass() {
			boolean negate = more() && this.p.charAt(this.pos) == '^';
			if (negate) {
				this.pos++;
			}
			StringBuilder set = new StringBuilder();
			boolean first = true;
			while (true) {
				if (!more()) {
					throw error("missing ']'");
				}
				char c = this.p.charAt(this.pos);
				if (c == ']' && !first) {
					this.pos++;
					break;
				}
				first = false;
				this.pos++;
				char low;
				if (c == '\\') {
					Part escaped = escape(true);
					if (escaped instanceof CharSet charSet) {
						set.append(charSet.chars);
						continue;
					}
					low = ((Literal) escaped).c;
				}
				else {
					low = c;
				}
				if (this.pos + 1 < this.p.length() && this.p.charAt(this.pos) == '-'
						&& this.p.charAt(this.pos + 1) != ']') {
					this.pos++;
					char high = this.p.charAt(this.pos++);
					if (high == '\\') {
						Part escaped = escape(true);
						if (!(escaped instanceof Literal literal)) {
							throw error("a range cannot end in a class");
						}
						high = literal.c;
					}
					if (high < low) {
						throw error("range " + low + "-" + high + " out of order");
					}
					for (char x = low; x <= high; x++) {
						set.append(x);
					}
				}
				else {
					set.append(low);
				}
			}
			char[] chars = set.chars()
				.distinct()
				.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
				.toString()
				.toCharArray();
			if (negate) {
				chars = complement(chars);
			}
			if (chars.length == 0) {
				throw error("empty character class");
			}
			return chars;
		}

		Part quantified(Part atom) {
			if (!more()) {
				return atom;
			}
			char c = this.p.charAt(this.pos);
			Part result;
			switch (c) {
				case '*' -> {
					this.pos++;
					result = new Repeat(atom, 0, -1);
				}
				case '+' -> {
					this.pos++;
					result = new Repeat(atom, 1, -1);
				}
				case '?' -> {
					this.pos++;
					result = new Repeat(atom, 0, 1);
				}
				case '{' -> result = braces(atom);
				default -> {
					return atom;
				}
			}
			// lazy and possessive forms generate the same strings
			if (more() && (this.p.charAt(this.pos) == '?' || this.p.charAt(this.pos) == '+')) {
				this.pos++;
			}
			if (more() && "*+?{".indexOf(this.p.charAt(this.pos)) >= 0) {
				throw error("nested quantifier");
			}
			return result;
		}

		Part braces(Part atom) {
			int close = this.p.indexOf('}', this.pos);
			if (close < 0) {
				throw error("missing '}'");
			}
			String body = this.p.substring(this.pos + 1, close);
			int comma = body.indexOf(',');
			try {
				int min;
				int max;
				if (comma < 0) {
					min = Integer.parseInt(body.trim());
					max = min;
				}
				else {
					min = Integer.parseInt(body.substring(0, comma).trim());
					String upper = body.substring(comma + 1).trim();
					max = upper.isEmpty() ? -1 : Integer.parseInt(upper);
				}
				if (min < 0 || (max >= 0 && max < min) || min > 10_000 || max > 10_000) {
					throw error("bad repetition {" + body + "}");
				}
				this.pos = close + 1;
				return new Repeat(atom, min, max);
			}
			catch (NumberFormatException ex) {
				throw error("bad repetition {" + body + "}");
			}
		}

	}

	private static char[] range(char from, char to) {
		char[] chars = new char[to - from + 1];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = (char) (from + i);
		}
		return chars;
	}

	private static char[] concat(char[]... arrays) {
		StringBuilder all = new StringBuilder();
		for (char[] a : arrays) {
			all.append(a);
		}
		return all.toString().toCharArray();
	}

	private static char[] complement(char[] excluded) {
		String ex = new String(excluded);
		StringBuilder rest = new StringBuilder();
		for (char c : PRINTABLE) {
			if (ex.indexOf(c) < 0) {
				rest.append(c);
			}
		}
		return rest.toString().toCharArray();
	}

}
