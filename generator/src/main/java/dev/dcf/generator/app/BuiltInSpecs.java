package dev.dcf.generator.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.SpecException;

/**
 * The image's {@link SpecSource}: exactly one of {@value #QUICKSTART}, {@value #TEMPLATE}
 * and {@value #SCHEMA} says what to generate, {@code PROFILE} shapes {@code RATE} over
 * time.
 *
 * <p>
 * The single place where the engine's parsers are wired: {@link #quickstart},
 * {@link #template}, {@link #schema} and {@link #profile}. Until then they are stand-ins
 * (a sensor readings quickstart, literal JSON templates, constant rates).
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

	// WIRE: dev.dcf.generator.engine.quickstart.Quickstarts.spec(name)
	static GeneratorSpec quickstart(String name) {
		if (name.equals("sensor_readings")) {
			return SensorReadingsSpec.avro();
		}
		throw new SpecException(QUICKSTART, "unknown quickstart '" + name + "' (this build has: sensor_readings)");
	}

	// WIRE: dev.dcf.generator.engine.template.TemplateSpec.parse(json)
	static GeneratorSpec template(String json) {
		return LiteralTemplateSpec.parse(json);
	}

	// WIRE: dev.dcf.generator.engine.avro.AvroSchemaSpec.parse(schema, keyField)
	static GeneratorSpec schema(String schema, String keyField) {
		throw new SpecException(SCHEMA, "Avro schemas with generation hints are not available in this build");
	}

	// WIRE: dev.dcf.generator.engine.profile.LoadProfile.parse(text, baseRate)::rateAt
	static RateProfile profile(String text, double baseRate) {
		if (blank(text) || text.strip().equals("constant")) {
			return RateProfile.constant(baseRate);
		}
		throw new SpecException(PROFILE, "load profiles are not available in this build (only 'constant')");
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
