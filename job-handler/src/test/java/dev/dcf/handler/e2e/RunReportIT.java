package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.dcf.handler.run.Csv;
import dev.dcf.testsupport.TestImages;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs and their reports (docs/usage.md): a short generator job completes; its run report
 * in JSON and CSV matches the job, names the image the agent actually ran (the generator
 * is built locally, so its image id), and "run again identically" runs that image as run
 * 2.
 */
class RunReportIT extends EndToEndTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
	};

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("runs", TOPICS, Map.of("it", "runs"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@SuppressWarnings("unchecked") // JSON read as maps and lists
	@Test
	void theReportOfACompletedRunMatchesTheJobAndRunningItAgainRunsTheSameImage() {
		Map<String, Object> request = sleeper("runs", 1);
		request.put("name", "it-runs");
		request.put("image", TestImages.GENERATOR);
		request.put("topic", "it-runs-" + UUID.randomUUID());
		request.put("memoryLimitMb", 256);
		request.put("cpuLimit", 0.5);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("RATE", "50");
		env.put("MAX_RECORDS", "30");
		env.put("SEED", "7");
		env.put("API_TOKEN", "do-not-show");
		request.put("env", env);
		String id = create(request);
		Map<String, Object> job = awaitState(id, "COMPLETED", Duration.ofSeconds(90));
		Docker.ImageIdentity image = docker.image(TestImages.GENERATOR);
		assertThat(image.repoDigests()).as("built locally: no registry digest").isEmpty();

		Map<String, Object> report = report(id, 1);

		assertThat(report).containsEntry("jobId", id)
			.containsEntry("runNumber", 1)
			.containsEntry("state", "COMPLETED")
			.containsEntry("endReason", job.get("stateReason"))
			.containsEntry("agents", List.of(job.get("agentId")))
			.containsEntry("image", TestImages.GENERATOR)
			.containsEntry("imageDigest", image.id())
			.containsEntry("seed", "7");
		// a run of 0.6 s is sampled or not, by when it fell between two rounds
		assertThat(report.get("bytes")).satisfiesAnyOf((bytes) -> assertThat(bytes).isNull(),
				(bytes) -> assertThat(((Number) bytes).longValue()).isPositive());
		assertThat(report.get("peakRecordsPerSecond")).satisfiesAnyOf((peak) -> assertThat(peak).isNull(),
				(peak) -> assertThat(((Number) peak).doubleValue()).isPositive());
		assertThat(((Number) report.get("records")).longValue()).isEqualTo(30)
			.isEqualTo(((Number) job.get("recordsProduced")).longValue());
		assertThat(((Number) report.get("averageRecordsPerSecond")).doubleValue()).isPositive();
		assertThat((Map<String, Object>) report.get("env")).containsEntry("RATE", "50")
			.doesNotContainValue("do-not-show");
		assertThat((List<Map<String, Object>>) report.get("containers")).singleElement().satisfies((container) -> {
			assertThat(container).containsEntry("exitCode", 0)
				.containsEntry("agentId", agent.id())
				.containsEntry("imageDigest", image.id());
		});
		assertThat(list(id)).singleElement().isEqualTo(report);

		String csv = csv(id, 1, "/api/jobs/{id}/runs/{run}/report", MediaType.parseMediaType("text/csv"));
		assertThat(csv(id, 1, "/api/jobs/{id}/runs/{run}/report?format=csv", MediaType.APPLICATION_JSON))
			.isEqualTo(csv);
		assertThat(Csv.rows(csv)).singleElement().satisfies((row) -> {
			assertThat(row).containsEntry("job_id", id)
				.containsEntry("run", "1")
				.containsEntry("state", "COMPLETED")
				.containsEntry("end_reason", (String) job.get("stateReason"))
				.containsEntry("agents", agent.id())
				.containsEntry("records", "30")
				.containsEntry("image_digest", image.id())
				.containsEntry("seed", "7")
				.containsEntry("exit_code", "0");
			// like the JSON: empty when no throughput sample fell into the short run, its
			// count when one did
			assertThat(row.get("bytes")).isEqualTo((report.get("bytes") == null) ? "" : report.get("bytes").toString());
			assertThat(row.get("env")).contains("RATE=50").doesNotContain("do-not-show");
		});

		Map<String, Object> again = this.alice.post()
			.uri("/api/jobs/{id}/runs/{run}/rerun", id, 1)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(again).containsEntry("runNumber", 2);
		awaitState(id, "COMPLETED", Duration.ofSeconds(90));
		Map<String, Object> second = report(id, 2);
		assertThat(second).containsEntry("image", image.id())
			.containsEntry("imageDigest", image.id())
			.containsEntry("state", "COMPLETED")
			.containsEntry("seed", "7");
		assertThat(((Number) second.get("records")).longValue()).isEqualTo(30);
		assertThat(docker.containersOfJob(id))
			.allSatisfy((container) -> assertThat(container.getImageId()).isEqualTo(image.id()));
		assertThat(list(id)).extracting((run) -> run.get("runNumber")).containsExactly(2, 1);
	}

	@Test
	void badFormatsAndUnknownRunsAreProblems() {
		Map<String, Object> request = sleeper("runs-none", 1);
		request.put("start", false);
		String id = create(request);

		this.alice.get()
			.uri("/api/jobs/{id}/runs/{run}/report", id, 1)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Run not found");
		this.alice.get()
			.uri("/api/jobs/{id}/runs/{run}/report?format=xml", id, 1)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("format");
		this.alice.get()
			.uri("/api/jobs/{id}/runs/{run}/report", id, 1)
			.header(HttpHeaders.ACCEPT, "application/xml")
			.exchange()
			.expectStatus()
			.isEqualTo(406);
		assertThat(list(id)).isEmpty();
	}

	private Map<String, Object> report(String id, int run) {
		return this.alice.get()
			.uri("/api/jobs/{id}/runs/{run}/report", id, run)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	private List<Map<String, Object>> list(String id) {
		return this.alice.get()
			.uri("/api/jobs/{id}/runs", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_LIST)
			.returnResult()
			.getResponseBody();
	}

	private String csv(String id, int run, String uri, MediaType accept) {
		return this.alice.get()
			.uri(uri, id, run)
			.accept(accept)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.parseMediaType("text/csv"))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
