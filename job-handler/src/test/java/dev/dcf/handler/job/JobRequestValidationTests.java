package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobRequestValidationTests {

	private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	private final JobRequestValidator validator = new JobRequestValidator(JobLimits.defaults(),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void theBaseRequestIsValid() {
		assertThat(this.validator.validate(TestJobs.request().build())).isEmpty();
	}

	@Test
	void nameIsRequired() {
		assertValid(TestJobs.request().name("n"));
		assertInvalid(TestJobs.request().name(null), "name", "is required");
		assertInvalid(TestJobs.request().name("   "), "name", "is required");
	}

	@Test
	void nameIsAtMost100Characters() {
		assertValid(TestJobs.request().name("n".repeat(100)));
		assertInvalid(TestJobs.request().name("n".repeat(101)), "name", "at most 100");
	}

	@Test
	void descriptionIsOptionalAndAtMost2000Characters() {
		assertValid(TestJobs.request().description(null));
		assertValid(TestJobs.request().description("d".repeat(2000)));
		assertInvalid(TestJobs.request().description("d".repeat(2001)), "description", "at most 2000");
	}

	@Test
	void imageIsRequired() {
		assertInvalid(TestJobs.request().image(null), "image", "is required");
		assertInvalid(TestJobs.request().image(""), "image", "is required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "busybox", "library/busybox", "dcf/sample-generator:latest", "dcf-test/sleeper:1.0",
			"my_org/my__image", "a.b-c/d", "registry.example.com/team/gen:2.1.0", "localhost:5000/gen",
			"10.0.0.1:5000/gen:v1", "Registry.Example.com/gen",
			"gen@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			"gen:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "gen:_tag" })
	void acceptsWellFormedImageReferences(String image) {
		assertValid(TestJobs.request().image(image));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Busybox", "dcf/Sample", "bad image", "gen:", "gen:-tag", ":latest", "/gen", "gen/",
			"gen//x", "-gen", "gen-", "gen..x", "gen@sha256:abc", "gen@md5:0123", "host:port/gen",
			"https://registry/gen", "gen;rm -rf", "gen\n" })
	void refusesMalformedImageReferences(String image) {
		assertInvalid(TestJobs.request().image(image), "image", "not a valid image reference");
	}

	@Test
	void imageTagIsAtMost128Characters() {
		assertValid(TestJobs.request().image("gen:" + "t".repeat(128)));
		assertInvalid(TestJobs.request().image("gen:" + "t".repeat(129)), "image", "not a valid image reference");
	}

	@Test
	void imageIsAtMost255Characters() {
		String longest = "r/" + "a".repeat(253);
		assertValid(TestJobs.request().image(longest));
		assertInvalid(TestJobs.request().image(longest + "a"), "image", "at most 255");
	}

	@Test
	void commandIsOptional() {
		assertValid(TestJobs.request().command(null));
		assertValid(TestJobs.request().command(List.of()));
		assertValid(TestJobs.request().command(List.of("--rate", "10")));
	}

	@Test
	void commandHasAtMost50Items() {
		assertValid(TestJobs.request().command(Collections.nCopies(50, "x")));
		assertInvalid(TestJobs.request().command(Collections.nCopies(51, "x")), "command", "at most 50 items");
	}

	@Test
	void commandItemsAreNotNull() {
		assertInvalid(TestJobs.request().command(Arrays.asList("a", null)), "command[1]", "must not be null");
	}

	@Test
	void commandItemsAreAtMost4096Characters() {
		assertValid(TestJobs.request().command(List.of("x".repeat(4096))));
		assertInvalid(TestJobs.request().command(List.of("ok", "x".repeat(4097))), "command[1]", "at most 4096");
	}

	@Test
	void topicIsRequired() {
		assertInvalid(TestJobs.request().topic(null), "topic", "is required");
		assertInvalid(TestJobs.request().topic(""), "topic", "is required");
	}

	@Test
	void topicIsAtMost249Characters() {
		assertValid(TestJobs.request().topic("t".repeat(249)));
		assertInvalid(TestJobs.request().topic("t".repeat(250)), "topic", "at most 249");
	}

	@ParameterizedTest
	@ValueSource(strings = { "t", "sample-data", "Sample_Data.v2", "a.b.c", "_private", "...", "x.DLT" })
	void topicAcceptsKafkasCharacters(String topic) {
		assertValid(TestJobs.request().topic(topic));
	}

	@ParameterizedTest
	@ValueSource(strings = { "has space", "slash/topic", "colon:topic", "ümlaut", "star*" })
	void topicRefusesOtherCharacters(String topic) {
		assertInvalid(TestJobs.request().topic(topic), "topic", "only letters, digits");
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void topicIsNotDotOrDotDot(String topic) {
		assertInvalid(TestJobs.request().topic(topic), "topic", "'.' or '..'");
	}

	@Test
	void topicDoesNotStartWithTwoUnderscores() {
		assertValid(TestJobs.request().topic("_one"));
		assertInvalid(TestJobs.request().topic("__consumer_offsets"), "topic", "'__'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dcf.job-instructions", "dcf.job-status", "dcf.agent-status", "dcf.job-instructions.DLT",
			"dcf.job-status.DLT", "dcf.agent-status.DLT", "_schemas" })
	void topicIsNeverAManagementTopicItsDeadLetterTopicOrTheRegistrysTopic(String topic) {
		assertInvalid(TestJobs.request().topic(topic), "topic", "reserved");
	}

	@Test
	void topicIsNeverAConfiguredReservedTopicNorItsDeadLetterTopic() {
		JobLimits limits = new JobLimits(1, 50, 0.1, 8.0, 64, 16384, Duration.ofSeconds(10), Duration.ofDays(7),
				List.of("ops.instructions"), DataSize.ofKilobytes(900));
		JobRequestValidator custom = new JobRequestValidator(limits, Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(custom.validate(TestJobs.request().topic("ops.instructions").build()))
			.containsExactly(new FieldViolation("topic", "is reserved for DCF itself"));
		assertThat(custom.validate(TestJobs.request().topic("ops.instructions.DLT").build())).hasSize(1);
		assertThat(custom.validate(TestJobs.request().topic("ops.instructions2").build())).isEmpty();
	}

	@Test
	void containersAreRequiredAndBetween1And50() {
		assertValid(TestJobs.request().containers(1));
		assertValid(TestJobs.request().containers(50));
		assertInvalid(TestJobs.request().containers(null), "containers", "is required");
		assertInvalid(TestJobs.request().containers(0), "containers", "between 1 and 50");
		assertInvalid(TestJobs.request().containers(51), "containers", "between 1 and 50");
	}

	@Test
	void cpuLimitIsRequiredAndBetweenATenthAnd8() {
		assertValid(TestJobs.request().cpuLimit(0.1));
		assertValid(TestJobs.request().cpuLimit(8.0));
		assertInvalid(TestJobs.request().cpuLimit(null), "cpuLimit", "is required");
		assertInvalid(TestJobs.request().cpuLimit(0.09), "cpuLimit", "between 0.1 and 8.0");
		assertInvalid(TestJobs.request().cpuLimit(8.01), "cpuLimit", "between 0.1 and 8.0");
		assertInvalid(TestJobs.request().cpuLimit(Double.NaN), "cpuLimit", "between");
	}

	@Test
	void memoryLimitIsRequiredAndBetween64And16384Mb() {
		assertValid(TestJobs.request().memoryLimitMb(64));
		assertValid(TestJobs.request().memoryLimitMb(16384));
		assertInvalid(TestJobs.request().memoryLimitMb(null), "memoryLimitMb", "is required");
		assertInvalid(TestJobs.request().memoryLimitMb(63), "memoryLimitMb", "between 64 and 16384");
		assertInvalid(TestJobs.request().memoryLimitMb(16385), "memoryLimitMb", "between 64 and 16384");
	}

	@Test
	void durationIsRequiredAndBetween10SecondsAnd7Days() {
		assertValid(TestJobs.request().durationSeconds(10L));
		assertValid(TestJobs.request().durationSeconds(7 * 24 * 3600L));
		assertInvalid(TestJobs.request().durationSeconds(null), "durationSeconds", "is required");
		assertInvalid(TestJobs.request().durationSeconds(9L), "durationSeconds", "between 10 and 604800");
		assertInvalid(TestJobs.request().durationSeconds(604801L), "durationSeconds", "between 10 and 604800");
	}

	@Test
	void boundsComeFromTheConfiguredLimits() {
		JobLimits limits = new JobLimits(2, 100, 0.5, 16.0, 128, 65536, Duration.ofMinutes(1), Duration.ofDays(30),
				List.of(), DataSize.ofKilobytes(900));
		JobRequestValidator custom = new JobRequestValidator(limits, Clock.fixed(NOW, ZoneOffset.UTC));

		assertThat(custom.validate(TestJobs.request()
			.containers(100)
			.cpuLimit(16.0)
			.memoryLimitMb(65536)
			.durationSeconds(30 * 24 * 3600L)
			.build())).isEmpty();
		assertThat(custom
			.validate(TestJobs.request().containers(1).cpuLimit(0.4).memoryLimitMb(127).durationSeconds(59L).build()))
			.extracting(FieldViolation::field)
			.containsExactly("containers", "cpuLimit", "memoryLimitMb", "durationSeconds");
	}

	@Test
	void limitsRefuseAMinimumAboveItsMaximum() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new JobLimits(10, 5, 0.1, 8.0, 64,
				16384, Duration.ofSeconds(10), Duration.ofDays(7), List.of(), DataSize.ofKilobytes(900)));
	}

	@Test
	void settingsThatWouldNotFitInOneKafkaMessageAreRefusedOnTheEnvironment() {
		// 100 variables of 4,096 three-byte characters: within every per-variable bound,
		// but about 1.2 MB in UTF-8, more than a broker takes in one message
		Map<String, String> env = new LinkedHashMap<>();
		for (int i = 0; i < 100; i++) {
			env.put("V" + i, "€".repeat(4096));
		}

		List<FieldViolation> violations = this.validator.validate(TestJobs.request().env(env).build());

		assertThat(violations).hasSize(1);
		assertThat(violations.get(0).field()).isEqualTo("env");
		assertThat(violations.get(0).message()).contains("at most 921600 bytes fit");
		env.replaceAll((name, value) -> "€".repeat(2000));
		assertThat(this.validator.validate(TestJobs.request().env(env).build())).as("600 KB fits").isEmpty();
	}

	@Test
	void startAtIsOptionalAndNotInThePast() {
		assertValid(TestJobs.request().startAt(null));
		assertValid(TestJobs.request().startAt(NOW));
		assertValid(TestJobs.request().startAt(NOW.plusSeconds(5)));
		assertInvalid(TestJobs.request().startAt(NOW.minusSeconds(1)), "startAt", "must not be in the past");
	}

	@Test
	void envIsOptional() {
		assertValid(TestJobs.request().env(null));
		assertValid(TestJobs.request().env(Map.of()));
	}

	@Test
	void envHasAtMost100Variables() {
		assertValid(TestJobs.request().env(variables(100)));
		assertInvalid(TestJobs.request().env(variables(101)), "env", "at most 100 variables");
	}

	@ParameterizedTest
	@ValueSource(strings = { "A", "_", "_X1", "rate", "Mixed_Case_9" })
	void envNamesAreShellIdentifiers(String name) {
		assertValid(TestJobs.request().env(Map.of(name, "v")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "1ABC", "A-B", "A B", "A.B", "A=B", "Ä" })
	void envNamesRefuseOtherCharacters(String name) {
		assertInvalid(TestJobs.request().env(Map.of(name, "v")), "env[" + name + "]",
				"must start with a letter or '_'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "DCF_JOB_ID", "DCF_", "KAFKA_TOPIC", "KAFKA_BOOTSTRAP_SERVERS", "kafka_topic", "Dcf_X" })
	void envNamesReservedForDcfAreRefused(String name) {
		assertInvalid(TestJobs.request().env(Map.of(name, "v")), "env[" + name + "]", "reserved");
	}

	@Test
	void envNamesThatMerelyContainAReservedWordAreFine() {
		assertValid(TestJobs.request().env(Map.of("MY_KAFKA_TOPIC", "v", "DCFX", "v", "KAFKA", "v")));
	}

	@Test
	void envNamesAreAtMost255Characters() {
		assertValid(TestJobs.request().env(Map.of("N".repeat(255), "v")));
		assertInvalid(TestJobs.request().env(Map.of("N".repeat(256), "v")), "env[" + "N".repeat(256) + "]",
				"at most 255");
	}

	@Test
	void envValuesAreNotNullAndAtMost4096Characters() {
		assertValid(TestJobs.request().env(Map.of("EMPTY", "", "LONG", "v".repeat(4096))));
		Map<String, String> withNull = new LinkedHashMap<>();
		withNull.put("X", null);
		assertInvalid(TestJobs.request().env(withNull), "env[X]", "must not be null");
		assertInvalid(TestJobs.request().env(Map.of("X", "v".repeat(4097))), "env[X]", "at most 4096");
	}

	@Test
	void agentLabelsAreOptional() {
		assertValid(TestJobs.request().agentLabels(null));
		assertValid(TestJobs.request().agentLabels(Map.of()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "zone", "a", "gpu.vendor", "dcf.dev/zone", "rack-1", "A_B" })
	void agentLabelKeysAcceptTheLabelGrammar(String key) {
		assertValid(TestJobs.request().agentLabels(Map.of(key, "v")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-zone", "zone-", ".zone", "zo ne", "zone=eu", "zöne" })
	void agentLabelKeysRefuseOthers(String key) {
		assertInvalid(TestJobs.request().agentLabels(Map.of(key, "v")), "agentLabels[" + key + "]", "key must be");
	}

	@Test
	void agentLabelKeysAreAtMost128Characters() {
		assertValid(TestJobs.request().agentLabels(Map.of("k".repeat(128), "v")));
		assertInvalid(TestJobs.request().agentLabels(Map.of("k".repeat(129), "v")),
				"agentLabels[" + "k".repeat(129) + "]", "key must be 1 to 128");
	}

	@Test
	void agentLabelValuesAcceptTheLabelGrammarUpTo256Characters() {
		assertValid(TestJobs.request().agentLabels(Map.of("a", "", "b", "eu-west-1", "c", "x86_64:v2/ssd@1+2")));
		assertValid(TestJobs.request().agentLabels(Map.of("a", "v".repeat(256))));
		assertInvalid(TestJobs.request().agentLabels(Map.of("a", "v".repeat(257))), "agentLabels[a]", "value must be");
		assertInvalid(TestJobs.request().agentLabels(Map.of("a", "two words")), "agentLabels[a]", "value must be");
		Map<String, String> withNull = new LinkedHashMap<>();
		withNull.put("a", null);
		assertInvalid(TestJobs.request().agentLabels(withNull), "agentLabels[a]", "must not be null");
	}

	@Test
	void agentLabelsAreAtMost20() {
		Map<String, String> twenty = new LinkedHashMap<>();
		IntStream.range(0, 20).forEach((i) -> twenty.put("k" + i, "v"));
		assertValid(TestJobs.request().agentLabels(twenty));
		twenty.put("k20", "v");
		assertInvalid(TestJobs.request().agentLabels(twenty), "agentLabels", "at most 20");
	}

	@Test
	void reportsEveryViolationAtOnce() {
		JobRequest request = new JobRequest(null, null, null, null, null, null, null, null, null, null, null, null,
				null);

		assertThat(this.validator.validate(request)).extracting(FieldViolation::field)
			.containsExactly("name", "image", "topic", "containers", "cpuLimit", "memoryLimitMb", "durationSeconds");
	}

	@Test
	void requireThrowsWithTheViolations() {
		JobRequest request = TestJobs.request().containers(0).topic("__x").build();

		assertThatExceptionOfType(InvalidJobRequestException.class).isThrownBy(() -> this.validator.require(request))
			.satisfies((ex) -> assertThat(ex.violations()).extracting(FieldViolation::field)
				.containsExactly("topic", "containers"));
	}

	@Test
	void topicSettingsAreOptionalAndDefaultToThreePartitionsTheBrokersReplicationAndRetentionAndKeep() {
		Job job = TestJobs.job(TestJobs.request().build(), "alice", Instant.parse("2026-05-01T10:00:00Z"));

		assertThat(job.getTopicPartitions()).isEqualTo(3);
		assertThat(job.getTopicReplicationFactor()).isNull();
		assertThat(job.getTopicRetentionHours()).isNull();
		assertThat(job.getTopicCleanup()).isEqualTo(TopicCleanup.KEEP);
	}

	@Test
	void partitionsReplicationFactorAndRetentionHoursMustBeInRange() {
		assertValid(TestJobs.request().partitions(1).replicationFactor(1).retentionHours(1));
		assertValid(TestJobs.request().partitions(1000).replicationFactor(100).retentionHours(87_600));
		assertInvalid(TestJobs.request().partitions(0), "partitions", "must be between 1 and 1000");
		assertInvalid(TestJobs.request().partitions(1001), "partitions", "must be between 1 and 1000");
		assertInvalid(TestJobs.request().replicationFactor(0), "replicationFactor", "must be between 1 and 100");
		assertInvalid(TestJobs.request().retentionHours(-1), "retentionHours", "must be between 1 and 87600");
		assertInvalid(TestJobs.request().retentionHours(87_601), "retentionHours", "must be between 1 and 87600");
	}

	@Test
	void aTargetRateIsPositiveWithinWhatTheContainersCanShare() {
		assertValid(TestJobs.request().env(Map.of()).containers(2).targetRate(0.5));
		assertValid(TestJobs.request().env(Map.of()).containers(2).targetRate(200_000.0));
		assertInvalid(TestJobs.request().env(Map.of()).targetRate(0.0), "targetRate",
				"must be more than 0 and at most 10000000 records/s");
		assertInvalid(TestJobs.request().env(Map.of()).containers(1).targetRate(150_000.0), "targetRate",
				"must be at most 100000 records/s per container");
		assertInvalid(TestJobs.request().env(Map.of()).containers(4).targetRate(0.02), "targetRate",
				"must be at least 0.01 records/s per container");
		assertInvalid(TestJobs.request().targetRate(50.0).env(Map.of("rate", "10")), "targetRate",
				"is set, so env RATE must not be: DCF sets each container's share as RATE");
	}

	@Test
	void aRecordLimitGivesEveryContainerAtLeastOneRecord() {
		assertValid(TestJobs.request().containers(2).maxRecords(2L));
		assertInvalid(TestJobs.request().containers(3).maxRecords(2L), "maxRecords",
				"must be at least the number of containers (one record each)");
		assertInvalid(TestJobs.request().containers(1).maxRecords(0L), "maxRecords",
				"must be at least the number of containers (one record each)");
		assertInvalid(TestJobs.request().maxRecords(5000L).env(Map.of("MAX_RECORDS", "10")), "maxRecords",
				"is set, so env MAX_RECORDS must not be: DCF sets each container's share as MAX_RECORDS");
	}

	@Test
	void topicCleanupIsOneOfThreePoliciesInAnyCase() {
		assertValid(TestJobs.request().topicCleanup("keep"));
		assertValid(TestJobs.request().topicCleanup("DELETE-WITH-JOB"));
		assertValid(TestJobs.request().topicCleanup("truncate_before_run"));
		assertInvalid(TestJobs.request().topicCleanup("purge"), "topicCleanup",
				"must be keep, delete-with-job or truncate-before-run");
		assertThat(TopicCleanup.parse("Truncate-Before-Run")).isEqualTo(TopicCleanup.TRUNCATE_BEFORE_RUN);
		assertThat(TopicCleanup.DELETE_WITH_JOB.label()).isEqualTo("delete-with-job");
	}

	private void assertValid(TestJobs.Request request) {
		assertThat(this.validator.validate(request.build())).isEmpty();
	}

	private void assertInvalid(TestJobs.Request request, String field, String messagePart) {
		List<FieldViolation> violations = this.validator.validate(request.build());
		assertThat(violations).as("violations").hasSize(1);
		assertThat(violations.get(0).field()).isEqualTo(field);
		assertThat(violations.get(0).message()).contains(messagePart);
	}

	private static Map<String, String> variables(int count) {
		Map<String, String> env = new LinkedHashMap<>();
		new ArrayList<>(IntStream.range(0, count).boxed().toList()).forEach((i) -> env.put("VAR_" + i, "v"));
		return env;
	}

}
