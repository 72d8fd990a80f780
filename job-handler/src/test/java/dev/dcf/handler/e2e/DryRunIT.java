package dev.dcf.handler.e2e;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import dev.dcf.testsupport.FakeImageRegistry;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dry runs (docs/usage.md, "Try a job before you submit it") on a real agent and Docker:
 * the sample generator's first records come back decoded, an image that exits 1 comes
 * back with its exit code and output, an image that cannot be pulled comes back as such
 * (the agent's answer, not the handler's "no answer" after its timeout); and none of them
 * leaves a job, a container or its scratch topic behind.
 */
class DryRunIT extends EndToEndTest {

	private static final Logger log = LoggerFactory.getLogger(DryRunIT.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static TestAgent agent;

	private static Docker docker;

	private static FakeImageRegistry registry;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		registry = FakeImageRegistry.unavailable();
		agent = Agents.start("dryrun", TOPICS, Map.of("it", "dryrun"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
		registry.close();
	}

	@Test
	void theSampleGeneratorShowsItsFirstFiveRecordsDecodedAndLeavesNothingBehind() throws Exception {
		long jobsBefore = jobCount();
		Map<String, Object> body = sleeper("dryrun", 1);
		body.put("name", "it-dry-run-generator");
		body.put("image", TestImages.GENERATOR);
		body.put("memoryLimitMb", 256);
		body.put("cpuLimit", 0.5);
		body.put("env", Map.of("RATE", "20"));

		Map<String, Object> result = dryRun(body);

		assertThat(result.get("started")).isEqualTo(true);
		assertThat(result.get("agentId")).isEqualTo(agent.id());
		assertThat(((Number) result.get("recordsWritten")).longValue()).isGreaterThanOrEqualTo(5);
		assertThat(((Number) result.get("ratePerSecond")).doubleValue()).isPositive();
		List<Map<String, Object>> records = records(result);
		assertThat(records).hasSize(5);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.get("format")).isEqualTo("JSON");
			assertThat((String) record.get("value")).contains("\"deviceId\"");
		});
		assertNothingLeft(result, jobsBefore);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anImageThatExitsOneShowsItsExitCodeAndItsOutput() throws Exception {
		long jobsBefore = jobCount();
		Map<String, Object> body = sleeper("dryrun", 1);
		body.put("name", "it-dry-run-exit-1");
		body.put("env", Map.of("SLEEP", "0", "EXIT_CODE", "1"));

		Map<String, Object> result = dryRun(body);

		assertThat(result.get("started")).isEqualTo(true);
		assertThat(result.get("exitCode")).isEqualTo(1);
		assertThat((String) result.get("reason")).contains("exited by itself with code 1");
		assertThat((List<Object>) result.get("output")).contains("sleeper started");
		assertThat(((Number) result.get("recordsWritten")).longValue()).isZero();
		assertThat(records(result)).isEmpty();
		assertNothingLeft(result, jobsBefore);
	}

	@Test
	void anImageThatCannotBePulledIsReportedByTheAgent() throws Exception {
		long jobsBefore = jobCount();
		Map<String, Object> body = sleeper("dryrun", 1);
		body.put("name", "it-dry-run-missing");
		body.put("image", registry.host() + "/dcf-test/missing:1");

		Map<String, Object> result = dryRun(body);

		log.info("A dry run of an image that cannot be pulled was answered in {} ms", result.get("durationMillis"));
		assertThat(result.get("started")).isEqualTo(false);
		// the agent's answer, so within the handler's 15 s (after them it says NO_ANSWER)
		assertThat(result.get("failure")).isEqualTo("IMAGE_UNAVAILABLE");
		assertThat((String) result.get("reason")).contains("missing:1");
		assertNothingLeft(result, jobsBefore);
	}

	@Test
	void anInvalidBodyGetsFieldErrorsAndLabelsNoAgentCarriesGet503() {
		Map<String, Object> invalid = sleeper("dryrun", 0);
		invalid.remove("image");
		this.alice.post()
			.uri("/api/jobs/dry-run")
			.contentType(MediaType.APPLICATION_JSON)
			.body(invalid)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[?(@.field == 'image')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'containers')]")
			.exists();

		this.alice.post()
			.uri("/api/jobs/dry-run")
			.contentType(MediaType.APPLICATION_JSON)
			.body(sleeper("no-agent-has-this-label", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("lacks label it=no-agent-has-this-label"));
	}

	private Map<String, Object> dryRun(Map<String, Object> body) {
		return this.alice.post()
			.uri("/api/jobs/dry-run")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> records(Map<String, Object> result) {
		return (List<Map<String, Object>>) result.get("records");
	}

	private long jobCount() {
		return ((Number) this.alice.get()
			.uri("/api/jobs?size=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody()
			.get("totalElements")).longValue();
	}

	/** No job stored, no container left on the daemon, the scratch topic deleted. */
	private void assertNothingLeft(Map<String, Object> result, long jobsBefore) throws Exception {
		assertThat(jobCount()).isEqualTo(jobsBefore);
		assertThat(docker.containersOfJob((String) result.get("dryRunId"))).isEmpty();
		assertThat(result.get("topicDeleted")).isEqualTo(true);
		try (Admin admin = Admin.create(SharedInfrastructure.authenticated().clientProperties())) {
			Set<String> topics = admin.listTopics().names().get();
			assertThat(topics).doesNotContain((String) result.get("topic"));
		}
	}

}
