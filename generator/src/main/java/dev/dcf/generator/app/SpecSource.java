package dev.dcf.generator.app;

import java.util.Map;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.SpecException;

/**
 * Turns the environment's {@code GENERATOR_*} and {@code PROFILE} variables into what to
 * generate and how fast. The image uses {@link BuiltInSpecs}; tests and benchmarks may
 * pass their own.
 */
@FunctionalInterface
interface SpecSource {

	/**
	 * @param env the environment
	 * @param baseRate {@code RATE} in records per second
	 * ({@link Double#POSITIVE_INFINITY} for {@code RATE=unlimited})
	 * @return the spec, its default format and the rate profile
	 * @throws SpecException naming the variable (or the path in it) that is wrong
	 */
	Loaded load(Map<String, String> env, double baseRate);

	/**
	 * @param spec what to generate
	 * @param defaultFormat the format when {@code FORMAT} is not set (avro for schemas
	 * and quickstarts, json for templates)
	 * @param profile the rate over time
	 */
	record Loaded(GeneratorSpec spec, Format defaultFormat, RateProfile profile) {
	}

}
