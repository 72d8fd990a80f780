package dev.dcf.handler.jobfile;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.JobRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobFileParserTests {

	private static final String TWO_JOBS = """
			jobs:
			  - name: orders
			    image: dcf/generator:latest
			    topic: orders
			    containers: 2
			    cpuLimit: 0.5
			    memoryLimitMb: 256
			    durationSeconds: 600
			    command: [--rate, 10]
			    env:
			      PORT: 8080
			      VERBOSE: on
			    agentLabels: {zone: eu}
			    restart: {attempts: 3, interval: 10m}
			  - name: clicks
			    topic: clicks
			    containers: 1
			    cpuLimit: 1
			    memoryLimitMb: 128
			    durationSeconds: 60
			    generator: {kind: quickstart, quickstart: clickstream}
			""";

	@Test
	void aFileWithAJobsListGivesEveryJobWithItsFields() {
		List<JobFileEntry> entries = JobFileParser.parse(TWO_JOBS);

		assertThat(entries).hasSize(2);
		JobRequest orders = entries.get(0).request();
		assertThat(orders.name()).isEqualTo("orders");
		assertThat(orders.containers()).isEqualTo(2);
		assertThat(orders.cpuLimit()).isEqualTo(0.5);
		assertThat(orders.durationSeconds()).isEqualTo(600L);
		assertThat(orders.command()).containsExactly("--rate", "10");
		assertThat(orders.env()).containsEntry("PORT", "8080").containsEntry("VERBOSE", "on");
		assertThat(orders.agentLabels()).containsEntry("zone", "eu");
		assertThat(orders.restart().attempts()).isEqualTo(3);
		JobRequest clicks = entries.get(1).request();
		assertThat(clicks.cpuLimit()).isEqualTo(1.0);
		assertThat(clicks.generator().quickstart()).isEqualTo("clickstream");
	}

	@Test
	void everyFieldKnowsItsLine() {
		List<JobFileEntry> entries = JobFileParser.parse(TWO_JOBS);

		assertThat(entries.get(0).line()).isEqualTo(2);
		assertThat(entries.get(0).lineOf("containers")).isEqualTo(5);
		assertThat(entries.get(0).lineOf("env[VERBOSE]")).isEqualTo(12);
		assertThat(entries.get(0).lineOf("command[1]")).isEqualTo(9);
		assertThat(entries.get(0).lineOf("restart.attempts")).isEqualTo(14);
		assertThat(entries.get(1).lineOf("generator.kind")).isEqualTo(21);
		assertThat(entries.get(1).lineOf("schedule.cron")).as("a field that is not there: the job's line")
			.isEqualTo(15);
		assertThat(entries.get(1).field("containers")).isEqualTo("jobs[1].containers");
	}

	@Test
	void severalDocumentsAndJsonAreJobFilesToo() {
		String yaml = """
				name: a
				topic: a
				---
				name: b
				topic: b
				---
				""";
		assertThat(JobFileParser.parse(yaml)).extracting((entry) -> entry.request().name()).containsExactly("a", "b");
		String json = """
				[{"name": "a", "topic": "a", "containers": 1},
				 {"name": "b", "topic": "b", "env": {"X": "1"}}]
				""";
		List<JobFileEntry> entries = JobFileParser.parse(json);
		assertThat(entries).extracting((entry) -> entry.request().name()).containsExactly("a", "b");
		assertThat(entries.get(1).lineOf("env[X]")).isEqualTo(2);
	}

	@Test
	void aFieldOfTheWrongTypeIsNamedWithItsLine() {
		String yaml = """
				name: a
				topic: a
				containers: two
				""";
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse(yaml))
			.satisfies((ex) -> assertThat(ex.violations())
				.containsExactly(new JobFileViolation("jobs[0].containers", 3, "must be a whole number")));
	}

	@Test
	void anUnknownFieldIsRefusedWithItsLine() {
		String yaml = """
				jobs:
				  - name: a
				    topic: a
				  - name: b
				    topic: b
				    contianers: 2
				""";
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse(yaml))
			.satisfies((ex) -> assertThat(ex.violations())
				.containsExactly(new JobFileViolation("jobs[1].contianers", 6, "unknown field")));
	}

	@Test
	void aFileThatIsNotYamlIsRefusedWithTheLine() {
		String yaml = """
				name: a
				topic: [a
				containers: 1
				""";
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse(yaml))
			.satisfies((ex) -> {
				assertThat(ex.violations()).hasSize(1);
				assertThat(ex.violations().get(0).line()).isBetween(2, 4);
				assertThat(ex.violations().get(0).message()).startsWith("not valid YAML or JSON");
			});
	}

	@Test
	void aDuplicateFieldIsRefused() {
		String yaml = """
				name: a
				topic: a
				name: b
				""";
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse(yaml))
			.satisfies((ex) -> assertThat(ex.violations().get(0).line()).isEqualTo(3));
	}

	@Test
	void anEmptyFileOrAnAliasIsRefused() {
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse("  \n"));
		assertThatExceptionOfType(InvalidJobFileException.class).isThrownBy(() -> JobFileParser.parse("""
				jobs:
				  - &one {name: a, topic: a}
				  - *one
				"""));
	}

}
