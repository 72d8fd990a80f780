package dev.dcf.handler.instruction;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.GeneratorRequest;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CREATE of a job with a built-in generator: the generator image, the generator's
 * variables and the job's own env.
 */
class GeneratorDeploymentTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void theCreateCarriesTheGeneratorImageItsVariablesAndTheJobsEnv() {
		Job job = TestJobs.job(TestJobs.request()
			.image("dcf/generator:latest")
			.env(Map.of("SEED", "42"))
			.generator(new GeneratorRequest("schema", null, null, "{\"type\": \"record\"}", "id", "avro",
					"steps:10,50:30s"))
			.build(), "alice", T0);

		Instruction.Deployment deployment = OutboxRelay.deployment(job, T0);

		assertThat(deployment.image()).isEqualTo("dcf/generator:latest");
		assertThat(deployment.env()).containsOnly(Map.entry("GENERATOR_SCHEMA", "{\"type\": \"record\"}"),
				Map.entry("GENERATOR_KEY_FIELD", "id"), Map.entry("FORMAT", "avro"),
				Map.entry("PROFILE", "steps:10,50:30s"), Map.entry("SEED", "42"));
	}

	@Test
	void aJobWithItsOwnImageGetsOnlyItsEnv() {
		Job job = TestJobs.job(TestJobs.request().env(Map.of("RATE", "5")).build(), "alice", T0);

		assertThat(OutboxRelay.deployment(job, T0).env()).containsExactly(Map.entry("RATE", "5"));
	}

}
