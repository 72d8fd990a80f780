package dev.dcf.standalone.embedded;

import java.util.List;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityLevelTests {

	private static final Schema NAME = parse("""
			{"type":"record","name":"U","fields":[{"name":"name","type":"string"}]}""");

	/** NAME plus a field with a default: both directions work. */
	private static final Schema NAME_AGE_DEFAULT = parse("""
			{"type":"record","name":"U","fields":[{"name":"name","type":"string"},
			 {"name":"age","type":"int","default":0}]}""");

	/**
	 * NAME plus a required field: old data lacks it (not backward), old readers skip it.
	 */
	private static final Schema NAME_AGE_REQUIRED = parse("""
			{"type":"record","name":"U","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"}]}""");

	/** Without NAME's required field: new readers ignore it, old readers miss it. */
	private static final Schema AGE_ONLY = parse("""
			{"type":"record","name":"U","fields":[{"name":"age","type":"int","default":0}]}""");

	@Test
	void backwardMeansTheNewSchemaReadsOldData() {
		assertThat(CompatibilityLevel.BACKWARD.check(NAME_AGE_DEFAULT, List.of(NAME))).isEmpty();
		assertThat(CompatibilityLevel.BACKWARD.check(AGE_ONLY, List.of(NAME))).isEmpty();
		assertThat(CompatibilityLevel.BACKWARD.check(NAME_AGE_REQUIRED, List.of(NAME))).singleElement()
			.asString()
			.contains("READER_FIELD_MISSING_DEFAULT_VALUE")
			.contains("age");
	}

	@Test
	void forwardMeansOldSchemasReadNewData() {
		assertThat(CompatibilityLevel.FORWARD.check(NAME_AGE_REQUIRED, List.of(NAME))).isEmpty();
		assertThat(CompatibilityLevel.FORWARD.check(AGE_ONLY, List.of(NAME))).isNotEmpty();
	}

	@Test
	void fullNeedsBothDirections() {
		assertThat(CompatibilityLevel.FULL.check(NAME_AGE_DEFAULT, List.of(NAME))).isEmpty();
		assertThat(CompatibilityLevel.FULL.check(NAME_AGE_REQUIRED, List.of(NAME))).isNotEmpty();
		assertThat(CompatibilityLevel.FULL.check(AGE_ONLY, List.of(NAME))).isNotEmpty();
	}

	@Test
	void plainLevelsLookAtTheLatestVersionOnlyTransitiveOnesAtAll() {
		// NAME -> AGE_ONLY was allowed under NONE; AGE_ONLY plus a defaulted field suits
		// the latest
		Schema candidate = parse("""
				{"type":"record","name":"U","fields":[{"name":"age","type":"int","default":0},
				 {"name":"city","type":"string","default":""}]}""");
		List<Schema> history = List.of(NAME, AGE_ONLY);

		assertThat(CompatibilityLevel.FULL.check(candidate, history)).isEmpty();
		assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(candidate, history)).isNotEmpty();
		assertThat(CompatibilityLevel.FORWARD.check(candidate, history)).isEmpty();
		assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.check(candidate, history)).isNotEmpty();
		assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.check(NAME_AGE_REQUIRED, List.of(NAME, NAME_AGE_DEFAULT)))
			.isNotEmpty();
	}

	@Test
	void noneAndAnEmptyHistoryAcceptAnything() {
		assertThat(CompatibilityLevel.NONE.check(NAME_AGE_REQUIRED, List.of(NAME))).isEmpty();
		assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(NAME_AGE_REQUIRED, List.of())).isEmpty();
	}

	@Test
	void parsesNamesIgnoringCase() {
		assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
		assertThat(CompatibilityLevel.parse(" Backward ")).contains(CompatibilityLevel.BACKWARD);
		assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
		assertThat(CompatibilityLevel.parse(null)).isEmpty();
	}

	private static Schema parse(String json) {
		return new Schema.Parser().parse(json);
	}

}
