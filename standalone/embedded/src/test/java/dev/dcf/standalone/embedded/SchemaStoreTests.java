package dev.dcf.standalone.embedded;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import org.junit.jupiter.api.Test;

import dev.dcf.standalone.embedded.SchemaStore.Registration;
import dev.dcf.standalone.embedded.SchemaStore.SchemaVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaStoreTests {

	private static final Schema V1 = parse("""
			{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}""");

	private static final Schema V2 = parse(
			"""
					{"type":"record","name":"R","fields":[{"name":"a","type":"string"},{"name":"b","type":"int","default":1}]}""");

	private static final Schema OTHER = parse("""
			{"type":"record","name":"Other","fields":[{"name":"x","type":"long"}]}""");

	private final SchemaStore store = new SchemaStore();

	@Test
	void firstRegistrationIsVersionOneWithIdOne() {
		Registration registration = this.store.prepare("s", V1);

		assertThat(registration.isNew()).isTrue();
		assertThat(registration.version()).isEqualTo(new SchemaVersion("s", 1, 1, V1.toString()));
	}

	@Test
	void preparingDoesNotChangeTheStoreUntilAdded() {
		this.store.prepare("s", V1);

		assertThat(this.store.subjects()).isEmpty();
		assertThat(this.store.prepare("s", V1).version().id()).isEqualTo(1);
	}

	@Test
	void existingSchemaOfTheSubjectIsFoundNotAddedAgain() {
		add("s", V1);

		Registration again = this.store.prepare("s", parse(SchemaFormatter.format("json/pretty", V1)));

		assertThat(again.isNew()).isFalse();
		assertThat(again.version().version()).isEqualTo(1);
	}

	@Test
	void equalSchemaUnderAnotherSubjectReusesTheIdWithItsOwnVersion() {
		add("s", V1);
		add("s", V2);

		Registration other = this.store.prepare("t", V2);

		assertThat(other.version()).isEqualTo(new SchemaVersion("t", 1, 2, V2.toString()));
	}

	@Test
	void newIdsFollowTheHighestKnownId() {
		this.store.add(new SchemaVersion("s", 1, 41, V1.toString()));

		assertThat(this.store.prepare("t", OTHER).version().id()).isEqualTo(42);
	}

	@Test
	void incompatibleSchemaIsRefusedWith409() {
		add("s", V2);

		assertThatThrownBy(() -> this.store.prepare("s", OTHER)).isInstanceOfSatisfying(RegistryException.class,
				(ex) -> {
					assertThat(ex.status()).isEqualTo(409);
					assertThat(ex.errorCode()).isEqualTo(409);
					assertThat(ex.getMessage()).contains("\"s\"");
				});
	}

	@Test
	void subjectLevelOverridesTheGlobalLevel() {
		add("s", V2);
		this.store.subjectLevel("s", CompatibilityLevel.NONE);

		assertThat(this.store.prepare("s", OTHER).isNew()).isTrue();
		assertThat(this.store.level("t")).isEqualTo(CompatibilityLevel.BACKWARD);

		this.store.subjectLevel("s", null);
		assertThat(this.store.level("s")).isEqualTo(CompatibilityLevel.BACKWARD);
	}

	@Test
	void replayingARecordTwiceKeepsOneVersion() {
		add("s", V1);
		add("s", V1);

		assertThat(this.store.versions("s")).containsExactly(1);
	}

	@Test
	void recordThatReusesAnIdForAnotherSchemaIsSkipped() {
		this.store.add(new SchemaVersion("s", 1, 1, V1.toString()));
		this.store.add(new SchemaVersion("t", 1, 1, OTHER.toString()));

		assertThat(this.store.subjects()).containsExactly("s");
		assertThat(this.store.schema(1)).isEqualTo(V1.toString());
	}

	@Test
	void unknownThingsAreConfluentErrors() {
		add("s", V1);

		assertCode(() -> this.store.versions("nope"), 40401);
		assertCode(() -> this.store.version("s", 2), 40402);
		assertCode(() -> this.store.schema(99), 40403);
		assertCode(() -> this.store.lookup("s", OTHER), 40403);
	}

	@Test
	void versionsParseLikeConfluents() {
		assertThat(SchemaStore.parseVersion("latest")).isEqualTo(SchemaStore.LATEST);
		assertThat(SchemaStore.parseVersion("LATEST")).isEqualTo(SchemaStore.LATEST);
		assertThat(SchemaStore.parseVersion("-1")).isEqualTo(SchemaStore.LATEST);
		assertThat(SchemaStore.parseVersion(" 3 ")).isEqualTo(3);
		for (String invalid : List.of("0", "-2", "one", "", "99999999999")) {
			assertCode(() -> SchemaStore.parseVersion(invalid), 42202);
		}
	}

	@Test
	void compatibilityWithAVersionUsesOnlyThatVersion() {
		this.store.subjectLevel("s", CompatibilityLevel.NONE);
		add("s", V1);
		add("s", OTHER);
		this.store.subjectLevel("s", CompatibilityLevel.BACKWARD);

		assertThat(this.store.compatibilityProblems("s", 1, V2)).isEmpty();
		assertThat(this.store.compatibilityProblems("s", 2, V2)).isNotEmpty();
		assertThat(this.store.compatibilityProblems("s", SchemaStore.LATEST, V2)).isNotEmpty();
	}

	private void add(String subject, Schema schema) {
		this.store.add(this.store.prepare(subject, schema).version());
	}

	private static void assertCode(Runnable call, int errorCode) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(RegistryException.class,
				(ex) -> assertThat(ex.errorCode()).isEqualTo(errorCode));
	}

	private static Schema parse(String json) {
		return new Schema.Parser().parse(json);
	}

}
