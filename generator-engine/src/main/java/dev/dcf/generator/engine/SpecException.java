package dev.dcf.generator.engine;

/**
 * A spec that cannot be used: it does not parse, names an unknown expression or hint, or
 * gives an expression wrong parameters. Says where ({@code field}: the JSON path in the
 * template or schema, or the environment variable; {@code line}/{@code column} when the
 * text did not parse) and what, so the GUI and the API can show it as a field error.
 */
public class SpecException extends RuntimeException {

	private final String field;

	private final int line;

	private final int column;

	/**
	 * @param field where: a JSON path such as {@code $.customer.email}, or a variable
	 * such as {@code GENERATOR_TEMPLATE}
	 * @param line 1-based line of a parse error, 0 if not a parse error
	 * @param column 1-based column of a parse error, 0 if not a parse error
	 * @param message what is wrong, naming the expression or hint
	 */
	public SpecException(String field, int line, int column, String message) {
		super(message);
		this.field = field;
		this.line = line;
		this.column = column;
	}

	/**
	 * A problem at a place in the spec, not a parse error.
	 * @param field where
	 * @param message what is wrong
	 */
	public SpecException(String field, String message) {
		this(field, 0, 0, message);
	}

	public String field() {
		return this.field;
	}

	public int line() {
		return this.line;
	}

	public int column() {
		return this.column;
	}

}
