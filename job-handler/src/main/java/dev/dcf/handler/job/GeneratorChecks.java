package dev.dcf.handler.job;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.SpecException;
import dev.dcf.generator.engine.avro.AvroSchemaSpec;
import dev.dcf.generator.engine.profile.LoadProfile;
import dev.dcf.generator.engine.quickstart.Quickstarts;
import dev.dcf.generator.engine.template.TemplateSpec;

/**
 * The rules of a job's {@code generator} object: the engine parses what the image would
 * (so a spec that passes here runs), and a {@link SpecException} becomes a field error on
 * {@code generator.<setting>} naming the position and the expression or hint.
 */
final class GeneratorChecks {

	/** Longest template or schema, in characters. */
	static final int MAX_TEXT = JobGenerator.MAX_TEXT;

	static final int MAX_PROFILE = 1000;

	static final int MAX_KEY_FIELD = 255;

	private GeneratorChecks() {
	}

	/**
	 * Checks a generator and the job's env next to it.
	 * @param generator the generator, not {@code null}
	 * @param env the job's own env, may be {@code null}
	 * @param clock the clock of template timestamps
	 * @param violations receives field and message
	 */
	static void check(GeneratorRequest generator, Map<String, String> env, Clock clock,
			BiConsumer<String, String> violations) {
		String kind = generator.normalizedKind();
		if (!GeneratorRequest.KINDS.contains(kind)) {
			violations.accept("generator.kind", "must be quickstart, template or schema");
			return;
		}
		only(generator.quickstart(), "quickstart", kind, violations);
		only(generator.template(), "template", kind, violations);
		only(generator.schema(), "schema", kind, violations);
		if (generator.keyField() != null && !generator.keyField().isBlank()) {
			if (!kind.equals("schema")) {
				violations.accept("generator.keyField",
						kind.equals("template") ? "is for a schema: a template says its key itself"
								: "is for a schema: a quickstart is keyed by its own key field ("
										+ quickstartKey(generator.quickstart()) + ")");
			}
			else if (generator.keyField().length() > MAX_KEY_FIELD) {
				violations.accept("generator.keyField", "must be at most " + MAX_KEY_FIELD + " characters");
			}
		}
		String format = (generator.format() != null) ? generator.format().trim().toLowerCase(Locale.ROOT) : "";
		if (!format.isEmpty() && !GeneratorRequest.FORMATS.contains(format)) {
			violations.accept("generator.format", "must be json, avro or string");
		}
		else if (format.equals("avro") && kind.equals("template")) {
			violations.accept("generator.format",
					"avro needs a schema or quickstart; a template writes json or string");
		}
		checkSpec(generator, kind, clock, violations);
		checkProfile(generator.profile(), violations);
		checkEnv(generator, env, violations);
	}

	/**
	 * The engine's spec of a valid generator.
	 * @param generator the generator
	 * @param clock the clock of template timestamps
	 * @return the spec
	 * @throws SpecException if it does not parse
	 */
	static GeneratorSpec spec(GeneratorRequest generator, Clock clock) {
		String keyField = blankToNull(generator.keyField());
		return switch (generator.normalizedKind()) {
			case "quickstart" -> Quickstarts.spec(generator.quickstart());
			case "template" -> TemplateSpec.parse(generator.template(), clock);
			default -> AvroSchemaSpec.parse(generator.schema(), keyField);
		};
	}

	/**
	 * The field error of a spec that does not parse: the position (line and column of a
	 * parse error, else the JSON path) and the engine's message, which names the
	 * expression or hint.
	 * @param ex the engine's error
	 * @return the message
	 */
	static String message(SpecException ex) {
		String what = ex.getMessage();
		if (ex.line() > 0) {
			return "line " + ex.line() + ", column " + ex.column() + ": " + what;
		}
		String field = ex.field();
		if (field != null && field.startsWith("$") && (what == null || !what.contains(field))) {
			return field + ": " + what;
		}
		return what;
	}

	private static void checkSpec(GeneratorRequest generator, String kind, Clock clock,
			BiConsumer<String, String> violations) {
		String field = "generator." + kind;
		String text = switch (kind) {
			case "quickstart" -> generator.quickstart();
			case "template" -> generator.template();
			default -> generator.schema();
		};
		if (text == null || text.isBlank()) {
			violations.accept(field, kind.equals("quickstart")
					? "is required: one of " + String.join(", ", Quickstarts.names()) : "is required");
			return;
		}
		if (text.length() > MAX_TEXT) {
			violations.accept(field, "must be at most " + MAX_TEXT + " characters");
			return;
		}
		try {
			spec(generator, clock);
		}
		catch (SpecException ex) {
			boolean keyProblem = AvroSchemaSpec.KEY_FIELD.equals(ex.field());
			violations.accept(keyProblem ? "generator.keyField" : field, message(ex));
		}
		catch (RuntimeException ex) {
			// the engine promises SpecException; anything else is still the spec's fault
			violations.accept(field, "cannot be used: " + ex.getMessage());
		}
	}

	private static void checkProfile(String profile, BiConsumer<String, String> violations) {
		if (profile == null || profile.isBlank()) {
			return;
		}
		if (profile.length() > MAX_PROFILE) {
			violations.accept("generator.profile", "must be at most " + MAX_PROFILE + " characters");
			return;
		}
		try {
			LoadProfile.parse(profile, 10, Clock.systemUTC());
		}
		catch (SpecException ex) {
			violations.accept("generator.profile", message(ex));
		}
	}

	private static void checkEnv(GeneratorRequest generator, Map<String, String> env,
			BiConsumer<String, String> violations) {
		if (env == null) {
			return;
		}
		List<String> set = List.copyOf(generator.env().keySet());
		String seed = env.get("SEED");
		if (seed != null && !isLong(seed.strip())) {
			violations.accept("env[SEED]", "must be a whole number (64 bit) for the built-in generator");
		}
		for (String name : env.keySet()) {
			String upper = name.toUpperCase(Locale.ROOT);
			if (upper.startsWith(GeneratorRequest.ENV_PREFIX) || set.contains(upper)) {
				violations.accept("env[" + name + "]",
						"is set by the built-in generator: use the generator's settings instead");
			}
		}
	}

	private static void only(String value, String setting, String kind, BiConsumer<String, String> violations) {
		if (value != null && !value.isBlank() && !kind.equals(setting)) {
			violations.accept("generator." + setting, "is only for kind " + setting + " (kind is " + kind + ")");
		}
	}

	private static String quickstartKey(String quickstart) {
		try {
			return Quickstarts.keyField(quickstart);
		}
		catch (SpecException ex) {
			return "unknown quickstart";
		}
	}

	private static boolean isLong(String text) {
		try {
			Long.parseLong(text);
			return true;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
