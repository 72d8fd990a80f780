package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorValidationTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	static final String TEMPLATE = """
			{"key": "{{$.value.id}}",
			 "value": {"id": "order-{{seq}}", "amount": "{{decimal(1, 500)}}"},
			 "headers": {"source": "dcf"}}""";

	private final JobRequestValidator validator = new JobRequestValidator(JobLimits.defaults(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	static GeneratorRequest quickstart(String name) {
		return new GeneratorRequest("quickstart", name, null, null, null, null, null);
	}

	static GeneratorRequest template(String template) {
		return new GeneratorRequest("template", null, template, null, null, null, null);
	}

	@Test
	void aQuickstartJobNeedsNoImageAndRunsTheGeneratorImage() {
		TestJobs.Request request = TestJobs.request().image(null).generator(quickstart("orders"));
		assertThat(this.validator.validate(request.build())).isEmpty();
		Job job = TestJobs.job(this.validator.withDefaults(request.build()), "alice", NOW);
		assertThat(job.getImage()).isEqualTo("dcf/generator:latest");
		assertThat(job.getRunEnv()).containsEntry("GENERATOR_QUICKSTART", "orders").containsEntry("RATE", "10");
		assertThat(job.getGenerator().quickstart()).isEqualTo("orders");
	}

	@Test
	void aJobWithoutGeneratorStillNeedsAnImage() {
		assertThat(this.validator.validate(TestJobs.request().image(null).build()))
			.contains(new FieldViolation("image", "is required"));
	}

	@Test
	void aGoodTemplateIsValidAndTravelsWithKeyFormatAndProfile() {
		GeneratorRequest generator = new GeneratorRequest("template", null, TEMPLATE, null, null, "json",
				"ramp:10->100:60s");
		JobRequest request = TestJobs.request().image(null).generator(generator).build();
		assertThat(this.validator.validate(request)).isEmpty();
		assertThat(request.runEnv()).containsEntry("GENERATOR_TEMPLATE", TEMPLATE)
			.containsEntry("FORMAT", "json")
			.containsEntry("PROFILE", "ramp:10->100:60s")
			.doesNotContainKeys("GENERATOR_QUICKSTART", "GENERATOR_SCHEMA", "GENERATOR_KEY_FIELD");
	}

	@Test
	void aTemplateThatIsNotJsonIsAFieldErrorWithLineAndColumn() {
		List<FieldViolation> violations = this.validator
			.validate(TestJobs.request().generator(template("{\n  \"a\": 1,\n  \"b\": }")).build());
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo("generator.template");
			assertThat(violation.message()).startsWith("line 3, column ");
		});
	}

	@Test
	void anUnknownExpressionIsAFieldErrorNamingItAndItsPath() {
		List<FieldViolation> violations = this.validator
			.validate(TestJobs.request().generator(template("{\"value\": {\"id\": \"{{nosuchthing(3)}}\"}}")).build());
		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.field()).isEqualTo("generator.template");
			assertThat(violation.message()).contains("nosuchthing").contains("$.value.id");
		});
	}

	@Test
	void anUnknownQuickstartIsAFieldErrorListingTheKnownOnes() {
		assertThat(this.validator.validate(TestJobs.request().generator(quickstart("cats")).build())).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.field()).isEqualTo("generator.quickstart");
				assertThat(violation.message()).contains("cats").contains("orders");
			});
	}

	@Test
	void aBadProfileIsAFieldError() {
		GeneratorRequest generator = new GeneratorRequest("quickstart", "users", null, null, null, null,
				"ramp:ten->100");
		assertThat(this.validator.validate(TestJobs.request().generator(generator).build())).singleElement()
			.satisfies((violation) -> assertThat(violation.field()).isEqualTo("generator.profile"));
	}

	@Test
	void aBrokenSchemaIsAFieldErrorOnTheSchema() {
		GeneratorRequest generator = new GeneratorRequest("schema", null, null, "{\"type\": \"record\"", null, null,
				null);
		assertThat(this.validator.validate(TestJobs.request().generator(generator).build())).singleElement()
			.satisfies((violation) -> assertThat(violation.field()).isEqualTo("generator.schema"));
	}

	@Test
	void anUnknownKindFormatOrMismatchedSettingIsRefused() {
		assertThat(this.validator.validate(TestJobs.request()
			.generator(new GeneratorRequest("magic", null, null, null, null, null, null))
			.build())).extracting(FieldViolation::field).containsExactly("generator.kind");
		assertThat(this.validator.validate(TestJobs.request()
			.generator(new GeneratorRequest("quickstart", "orders", TEMPLATE, null, null, "xml", null))
			.build())).extracting(FieldViolation::field).containsExactly("generator.template", "generator.format");
		assertThat(this.validator.validate(TestJobs.request()
			.generator(new GeneratorRequest("template", null, TEMPLATE, null, null, "avro", null))
			.build())).extracting(FieldViolation::field).containsExactly("generator.format");
	}

	@Test
	void theJobsEnvMustNotSetWhatTheGeneratorSets() {
		GeneratorRequest generator = new GeneratorRequest("quickstart", "orders", null, null, null, "json", null);
		JobRequest request = TestJobs.request()
			.generator(generator)
			.env(Map.of("GENERATOR_TEMPLATE", "{}", "FORMAT", "avro", "PROFILE", "constant"))
			.build();
		assertThat(this.validator.validate(request)).extracting(FieldViolation::field)
			.containsExactlyInAnyOrder("env[GENERATOR_TEMPLATE]", "env[FORMAT]");
	}

	@Test
	void aKeyFieldIsForASchemaAndASeedMustBeANumber() {
		GeneratorRequest quickstart = new GeneratorRequest("quickstart", "users", null, null, "regionid", null, null);
		assertThat(this.validator.validate(TestJobs.request().generator(quickstart).build())).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.field()).isEqualTo("generator.keyField");
				assertThat(violation.message()).contains("userid");
			});
		assertThat(this.validator
			.validate(TestJobs.request().generator(quickstart("users")).env(Map.of("SEED", "forty-two")).build()))
			.extracting(FieldViolation::field)
			.containsExactly("env[SEED]");
	}

	@Test
	void aTemplateLongerThan64KiBIsRefusedUnparsed() {
		String huge = "{\"value\": \"" + "x".repeat(JobGenerator.MAX_TEXT) + "\"}";
		assertThat(this.validator.validate(TestJobs.request().generator(template(huge)).build()))
			.extracting(FieldViolation::message)
			.anySatisfy((message) -> assertThat(message).contains("at most 65536 characters"));
	}

}
