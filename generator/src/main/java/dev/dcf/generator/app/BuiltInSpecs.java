package dev.dcf.generator.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.SpecException;
import dev.dcf.generator.engine.avro.AvroSchemaSpec;
import dev.dcf.generator.engine.profile.LoadProfile;
import dev.dcf.generator.engine.quickstart.Quickstarts;
import dev.dcf.generator.engine.template.TemplateSpec;

/**
 * The image's {@link SpecSource}: exactly one of {@value #QUICKSTART}, {@value #TEMPLATE}
 * and {@value #SCHEMA} says what to generate, {@code PROFILE} shapes {@code RATE} over
 * time.
 *
 * <p>
 * The single place where the engine's parsers are used: {@link #quickstart},
 * {@link #template}, {@link #schema} and {@link #profile}.
 */
final class BuiltInSpecs implements SpecSource {

	static final String QUICKSTART = "GENERATOR_QUICKSTART";

	static final String TEMPLATE = "GENERATOR_TEMPLATE";

	static final String SCHEMA = "GENERATOR_SCHEMA";

	static final String KEY_FIELD = "GENERATOR_KEY_FIELD";

	static final String PROFILE = "PROFILE";

	@Override
	public Loaded load(Map<String, String> env, double baseRate) {
		List<String> given = new ArrayList<>();
		for (String name : List.of(QUICKSTART, TEMPLATE, SCHEMA)) {
			if (!blank(env.get(name))) {
				given.add(name);
			}
		}
		if (given.size() != 1) {
			throw new SpecException(QUICKSTART, "exactly one of " + QUICKSTART + ", " + TEMPLATE + " and " + SCHEMA
					+ " must be set, got " + (given.isEmpty() ? "none" : String.join(", ", given)));
		}
		String source = given.get(0);
		String text = env.get(source).strip();
		GeneratorSpec spec = switch (source) {
			case QUICKSTART -> quickstart(text);
			case TEMPLATE -> template(text);
			default -> schema(text, env.get(KEY_FIELD));
		};
		Format defaultFormat = source.equals(TEMPLATE) ? Format.JSON : Format.AVRO;
		return new Loaded(spec, defaultFormat, profile(env.get(PROFILE), baseRate));
	}

	static GeneratorSpec quickstart(String name) {
		return Quickstarts.spec(name);
	}

	static GeneratorSpec template(String json) {
		return TemplateSpec.parse(json);
	}

	static GeneratorSpec schema(String schema, String keyField) {
		return AvroSchemaSpec.parse(schema, blank(keyField) ? null : keyField.strip());
	}

	/**
	 * {@code RATE} unchanged without a profile (also {@code unlimited}), else the
	 * profile.
	 */
	static RateProfile profile(String text, double baseRate) {
		if (blank(text) || text.strip().equals("constant")) {
			return RateProfile.constant(baseRate);
		}
		return LoadProfile.parse(text.strip(), baseRate)::rateAt;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
