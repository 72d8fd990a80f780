package dev.dcf.handler.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.MutablePropertyValues;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.WebDataBinder;

import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding the new-job form as the pages do ({@link JobFormBinding}), reading it into a
 * request, and putting the validator's violations next to the right fields and rows.
 */
class JobFormTests {

	@Test
	void exampleIsTheSampleGenerator() {
		JobForm form = JobForm.example();
		Errors errors = errors(form);

		JobRequest request = form.toRequest(errors);

		assertThat(errors.hasErrors()).isFalse();
		assertThat(request.image()).isEqualTo("dcf/sample-generator:latest");
		assertThat(request.topic()).isEqualTo("sensor-readings");
		assertThat(request.containers()).isEqualTo(1);
		assertThat(request.cpuLimit()).isEqualTo(0.5);
		assertThat(request.memoryLimitMb()).isEqualTo(256);
		assertThat(request.durationSeconds()).isEqualTo(60L);
		assertThat(request.env()).containsExactly(Map.entry("RATE", "10"));
		assertThat(request.startNow()).isTrue();
	}

	@Test
	void readsEveryFieldCommandLinesRowsAndTheStartTimeAsUtc() {
		JobForm form = JobForm.example();
		form.setDescription("  ");
		form.setCommand("--rate\n\n 10 \r\n--verbose");
		form.setEnv(List.of(new JobForm.Row("B", "2"), new JobForm.Row("", ""), new JobForm.Row("A", "")));
		form.setLabels(List.of(new JobForm.Row(" zone ", "eu")));
		form.setStart(false);
		Errors errors = bind(form, Map.of("cpuLimit", "1,5", "startAt", "2030-01-31T14:00", "maxRecords", " 5000 ",
				"replicationFactor", ""));

		JobRequest request = form.toRequest(errors);

		assertThat(errors.hasErrors()).isFalse();
		assertThat(request.description()).isNull();
		assertThat(request.command()).containsExactly("--rate", " 10 ", "--verbose");
		assertThat(request.cpuLimit()).isEqualTo(1.5);
		assertThat(request.startAt()).isEqualTo(Instant.parse("2030-01-31T14:00:00Z"));
		assertThat(request.maxRecords()).isEqualTo(5000L);
		assertThat(request.replicationFactor()).isNull();
		assertThat(request.env()).containsExactly(Map.entry("B", "2"), Map.entry("A", ""));
		assertThat(request.agentLabels()).containsExactly(Map.entry("zone", "eu"));
		assertThat(request.startNow()).isFalse();
	}

	@Test
	void whatIsNoNumberOrDateIsSpringsTypeMismatchOnItsFieldWordedForItsType() {
		JobForm form = JobForm.example();
		BindingResult errors = bind(form,
				Map.of("containers", new String[] { "2.5" }, "memoryLimitMb", "lots", "durationSeconds",
						"99999999999999999999", "cpuLimit", "NaN", "startAt", "31.01.2030 14:00", "partitions",
						"3000000000", "targetRate", "fast", "restart.attempts", "three"));

		JobRequest request = form.toRequest(errors);

		assertThat(message(errors, "containers")).isEqualTo("must be a whole number");
		assertThat(message(errors, "memoryLimitMb")).isEqualTo("must be a whole number");
		assertThat(message(errors, "durationSeconds")).isEqualTo("must be a whole number");
		assertThat(message(errors, "partitions")).isEqualTo("must be a whole number");
		assertThat(message(errors, "restart.attempts")).isEqualTo("must be a whole number");
		assertThat(message(errors, "cpuLimit")).isEqualTo("must be a number, e.g. 0.5");
		assertThat(message(errors, "targetRate")).isEqualTo("must be a number, e.g. 0.5");
		assertThat(message(errors, "startAt")).startsWith("must be a date and time in UTC");
		assertThat(errors.getFieldErrors()).allSatisfy((error) -> {
			assertThat(error.isBindingFailure()).isTrue();
			assertThat(error.getCode()).isEqualTo("typeMismatch");
		});
		assertThat(errors.getFieldValue("containers")).isEqualTo("2.5");
		assertThat(errors.getFieldValue("startAt")).isEqualTo("31.01.2030 14:00");
		assertThat(request.containers()).isEqualTo(1);
		assertThat(request.cpuLimit()).isEqualTo(0.5);
		assertThat(request.startAt()).isNull();
	}

	@Test
	void aValueWithoutNameAndANameGivenTwiceAreRejectedOnTheirRows() {
		JobForm form = JobForm.example();
		form.setEnv(
				List.of(new JobForm.Row("RATE", "10"), new JobForm.Row("", "orphan"), new JobForm.Row("RATE", "20")));
		Errors errors = errors(form);

		JobRequest request = form.toRequest(errors);

		assertThat(message(errors, "env[1].name")).isEqualTo("name is required when a value is given");
		assertThat(message(errors, "env[2].name")).isEqualTo("is given twice");
		assertThat(request.env()).containsExactly(Map.entry("RATE", "10"));
	}

	@Test
	void violationsGoToTheirFieldsAndRowsAndAFieldKeepsItsFirstProblem() {
		JobForm form = JobForm.example();
		form.setEnv(
				List.of(new JobForm.Row("RATE", "10"), new JobForm.Row("KAFKA_X", "1"), new JobForm.Row("LONG", "x")));
		form.setLabels(List.of(new JobForm.Row("zone", "eu west")));
		Errors errors = bind(form, Map.of("containers", "many"));
		form.toRequest(errors);

		form.reject(List.of(new FieldViolation("topic", "is required"), new FieldViolation("containers", "is required"),
				new FieldViolation("env[KAFKA_X]", "is reserved", FieldViolation.Part.NAME),
				new FieldViolation("env[LONG]", "is too long", FieldViolation.Part.VALUE),
				new FieldViolation("agentLabels[zone]", "must be letters", FieldViolation.Part.VALUE),
				new FieldViolation("command[3]", "must be at most 4096 characters"),
				new FieldViolation("env", "must have at most 100 variables"), new FieldViolation("mystery", "is odd")),
				errors);

		assertThat(message(errors, "topic")).isEqualTo("is required");
		assertThat(errors.getFieldErrors("containers")).hasSize(1);
		assertThat(message(errors, "containers")).isEqualTo("must be a whole number");
		assertThat(message(errors, "env[1].name")).isEqualTo("is reserved");
		assertThat(message(errors, "env[2].value")).isEqualTo("is too long");
		assertThat(message(errors, "labels[0].value")).isEqualTo("must be letters");
		assertThat(message(errors, "command")).isEqualTo("must be at most 4096 characters");
		assertThat(message(errors, "env")).isEqualTo("must have at most 100 variables");
		assertThat(errors.getGlobalErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getDefaultMessage()).isEqualTo("mystery is odd"));
	}

	@Test
	void aCopyKeepsTheSettingsButNotSecretValuesAndDoesNotStartByItself() {
		Job job = TestJobs.job(TestJobs.request()
			.command(List.of("--rate", "5"))
			.env(new java.util.LinkedHashMap<>(Map.of("RATE", "10", "DB_PASSWORD", "pw")))
			.agentLabels(Map.of("zone", "eu"))
			.cpuLimit(2.0)
			.build(), "alice", Instant.parse("2026-05-01T10:00:00Z"));

		JobForm form = JobForm.copyOf(job);

		assertThat(form.getName()).isEqualTo("copy of sample");
		assertThat(form.getCommand()).isEqualTo("--rate\n5");
		assertThat(form.getCpuLimit()).isEqualTo(2.0);
		assertThat(form.getContainers()).isEqualTo(2);
		assertThat(form.getEnv()).extracting(JobForm.Row::getName, JobForm.Row::getValue)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("RATE", "10"),
					org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", ""));
		assertThat(form.getLabels()).extracting(JobForm.Row::getName).containsExactly("zone");
		assertThat(form.isStart()).isFalse();
	}

	@Test
	void furtherSecretNamesAreReadFromACommaListAndACopyKeepsThemSecretButEmpty() {
		JobForm form = JobForm.example();
		form.setEnv(List.of(new JobForm.Row("RATE", "10"), new JobForm.Row("CONNECTION_URL", "pg://u:p@db")));
		form.setSecretEnv(" CONNECTION_URL , ");

		JobRequest request = form.toRequest(errors(form));

		assertThat(request.secretEnv()).containsExactly("CONNECTION_URL");
		JobForm copy = JobForm.copyOf(TestJobs.job(request, "alice", Instant.parse("2026-05-01T10:00:00Z")));
		assertThat(copy.getSecretEnv()).isEqualTo("CONNECTION_URL");
		assertThat(copy.getEnv()).extracting(JobForm.Row::getName, JobForm.Row::getValue)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RATE", "10"),
					org.assertj.core.groups.Tuple.tuple("CONNECTION_URL", ""));
		assertThat(JobForm.example().toRequest(errors(JobForm.example())).secretEnv()).isNull();
	}

	@Test
	void ownImageSendsNoGenerator() {
		JobForm form = JobForm.example();
		assertThat(form.toRequest(errors(form)).generator()).isNull();
	}

	@Test
	void aBuiltInGeneratorSendsOnlyTheChosenKindsTextAndNoImage() {
		JobForm form = JobForm.example();
		form.setSource("builtin");
		form.getGenerator().setKind("template");
		form.getGenerator().setSchema("{\"type\": \"string\"}");
		form.getGenerator().setProfile(" steps:10,50:30s ");
		JobRequest request = form.toRequest(errors(form));
		assertThat(request.image()).isNull();
		assertThat(request.generator().template()).isEqualTo(GeneratorFields.EXAMPLE_TEMPLATE);
		assertThat(request.generator().schema()).isNull();
		assertThat(request.generator().quickstart()).isNull();
		assertThat(request.generator().profile()).isEqualTo("steps:10,50:30s");
	}

	@Test
	void generatorViolationsGoNextToTheGeneratorsFields() {
		JobForm form = JobForm.example();
		form.setSource("builtin");
		Errors errors = errors(form);
		form.reject(List.of(new FieldViolation("generator.template", "line 3, column 14: unexpected '}'"),
				new FieldViolation("generator.profile", "bad")), errors);
		assertThat(message(errors, "generator.template")).isEqualTo("line 3, column 14: unexpected '}'");
		assertThat(message(errors, "generator.profile")).isEqualTo("bad");
	}

	@Test
	void aCopyOfAGeneratorJobKeepsItsGenerator() {
		JobRequest request = TestJobs.request()
			.image("dcf/generator:latest")
			.generator(new dev.dcf.handler.job.GeneratorRequest("schema", null, null, "{\"type\": \"record\"}",
					"userid", "json", null))
			.build();
		JobForm copy = JobForm.copyOf(TestJobs.job(request, "alice", Instant.parse("2026-05-01T10:00:00Z")));
		assertThat(copy.isBuiltin()).isTrue();
		assertThat(copy.getGenerator().getKind()).isEqualTo("schema");
		assertThat(copy.getGenerator().getSchema()).isEqualTo("{\"type\": \"record\"}");
		assertThat(copy.getGenerator().getKeyField()).isEqualTo("userid");
		assertThat(copy.toRequest(errors(copy)).generator().format()).isEqualTo("json");
	}

	private static Errors errors(JobForm form) {
		return new BeanPropertyBindingResult(form, "job");
	}

	/** Binds request parameters onto the form as the pages do. */
	private static BindingResult bind(JobForm form, Map<String, ?> parameters) {
		WebDataBinder binder = new WebDataBinder(form, "job");
		JobFormBinding.configure(binder);
		binder.bind(new MutablePropertyValues(parameters));
		return binder.getBindingResult();
	}

	private static String message(Errors errors, String field) {
		assertThat(errors.getFieldError(field)).as("an error on " + field).isNotNull();
		return errors.getFieldError(field).getDefaultMessage();
	}

}
