package dev.dcf.handler.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A job's built-in generator (issue 13; docs/generator.md): the {@code generator} object
 * of a job request. A job without one runs its own image.
 *
 * @param kind {@code quickstart}, {@code template} or {@code schema}
 * @param quickstart the quickstart's name (kind quickstart)
 * @param template a JSON template (kind template)
 * @param schema an Avro schema with hints (kind schema)
 * @param keyField optional value field used as the key (schema, quickstart)
 * @param format optional {@code json}, {@code avro} or {@code string}
 * @param profile optional load profile, e.g. {@code ramp:10->100:60s}
 */
public record GeneratorRequest(String kind, String quickstart, String template, String schema, String keyField,
		String format, String profile) {

	/** The kinds, as the API spells them. */
	public static final List<String> KINDS = List.of("quickstart", "template", "schema");

	/** The formats, as the API spells them. */
	public static final List<String> FORMATS = List.of("json", "avro", "string");

	/** Variables the generator sets; a job's own env must not (GENERATOR_* always). */
	static final String ENV_PREFIX = "GENERATOR_";

	/**
	 * What the {@code dcf/generator} image reads (docs/writing-a-generator.md).
	 * @return the variables, in a fixed order, blank settings left out
	 */
	public Map<String, String> env() {
		Map<String, String> env = new LinkedHashMap<>();
		switch (normalizedKind()) {
			case "quickstart" -> put(env, "GENERATOR_QUICKSTART", this.quickstart);
			case "template" -> put(env, "GENERATOR_TEMPLATE", this.template);
			case "schema" -> put(env, "GENERATOR_SCHEMA", this.schema);
			default -> {
				// not valid: the validator refuses it
			}
		}
		put(env, "GENERATOR_KEY_FIELD", this.keyField);
		put(env, "FORMAT", (this.format != null) ? this.format.toLowerCase(Locale.ROOT) : null);
		put(env, "PROFILE", this.profile);
		return env;
	}

	/**
	 * @return the kind in lower case, {@code ""} if missing
	 */
	public String normalizedKind() {
		return (this.kind != null) ? this.kind.trim().toLowerCase(Locale.ROOT) : "";
	}

	private static void put(Map<String, String> env, String name, String value) {
		if (value != null && !value.isBlank()) {
			env.put(name, value);
		}
	}

}
