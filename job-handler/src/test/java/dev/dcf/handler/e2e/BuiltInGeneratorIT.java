package dev.dcf.handler.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The built-in generator end to end (docs/usage.md, "The built-in generator"): jobs
 * without an image of their own run the {@code dcf/generator} image on a real agent and
 * broker. A template job writes the JSON its template describes, a quickstart job writes
 * Avro the registry decodes, and a steps profile's measured rate follows its steps.
 */
class BuiltInGeneratorIT extends EndToEndTest {

	private static final Log logger = LogFactory.getLog(BuiltInGeneratorIT.class);

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = TestAgent.start("builtin", TOPICS, Map.of("it", "builtin"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aTemplateJobWritesTheJsonItsTemplateDescribes() {
		Map<String, Object> job = builtIn("template", Map.of("kind", "template", "template", """
				{"key": "{{$.value.customer}}",
				 "value": {"order": "o-{{seq}}", "customer": "c-{{int(1, 9)}}", "total": "{{decimal(1, 100)}}"}}
				"""));
		job.put("maxRecords", 200);
		job.put("targetRate", 100);
		String id = create(job);

		Map<String, Object> done = awaitState(id, "COMPLETED", Duration.ofSeconds(90));

		assertThat((String) done.get("stateReason")).startsWith("200 records reached");
		List<Map<String, Object>> records = this.api.records(id, 5);
		assertThat(records).hasSize(5).allSatisfy((record) -> {
			Map<?, ?> value = (Map<?, ?>) record.get("value");
			assertThat(value.get("format")).isEqualTo("JSON");
			assertThat((String) value.get("text")).contains("\"order\"", "\"customer\"", "\"total\"");
			assertThat((String) ((Map<?, ?>) record.get("key")).get("text")).matches("c-[1-9]");
		});
	}

	@Test
	void aQuickstartJobWritesAvroTheRegistryDecodes() {
		Map<String, Object> job = builtIn("orders", Map.of("kind", "quickstart", "quickstart", "orders"));
		job.put("maxRecords", 100);
		job.put("targetRate", 100);
		String id = create(job);

		awaitState(id, "COMPLETED", Duration.ofSeconds(90));

		List<Map<String, Object>> records = this.api.records(id, 5);
		assertThat(records).hasSize(5).allSatisfy((record) -> {
			Map<?, ?> value = (Map<?, ?>) record.get("value");
			assertThat(value.get("format")).isEqualTo("AVRO");
			assertThat((String) value.get("text")).contains("\"orderid\"", "\"itemid\"");
		});
	}

	@Test
	void aStepsProfilesMeasuredRateFollowsItsSteps() {
		Map<String, Object> job = builtIn("steps", Map.of("kind", "template", "template", "{\"n\": \"{{seq}}\"}",
				"profile", "steps:100@0s,300@12s,600@24s"));
		job.put("env", Map.of("RATE", "100"));
		job.put("durationSeconds", 60);
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		// the profile counts from the generator's start: the first sample that saw
		// records
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> points(id).size() > 2 && !generatorStart(id).equals(Instant.MAX)
					&& points(id).get(points(id).size() - 1).at().isAfter(generatorStart(id).plusSeconds(35)));
		Instant start = generatorStart(id);
		// a sample measures the 2 s before it and the start is known to 2 s: each window
		// keeps 1 s away from the steps on both sides
		double first = mean(id, start.plusSeconds(5), start.plusSeconds(11));
		double second = mean(id, start.plusSeconds(17), start.plusSeconds(23));
		double third = mean(id, start.plusSeconds(29), start.plusSeconds(35));
		logger.info(String.format(Locale.ROOT, "Steps 100, 300, 600 records/s measured %.1f, %.1f, %.1f", first, second,
				third));

		assertThat(first).isCloseTo(100, within(10.0));
		assertThat(second).isCloseTo(300, within(30.0));
		assertThat(third).isCloseTo(600, within(60.0));
		stop(id);
		awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
	}

	private Map<String, Object> builtIn(String name, Map<String, Object> generator) {
		Map<String, Object> job = sleeper("builtin", 1);
		job.remove("image");
		job.put("name", "it-builtin-" + name);
		job.put("topic", "it-builtin-" + name + "-" + UUID.randomUUID());
		job.put("memoryLimitMb", 256);
		job.put("cpuLimit", 0.5);
		job.put("durationSeconds", 120);
		job.put("generator", generator);
		return job;
	}

	private record Point(Instant at, double rate) {
	}

	@SuppressWarnings("unchecked")
	private List<Point> points(String id) {
		return ((List<Map<String, Object>>) this.api.throughput(id).get("points")).stream()
			.map((point) -> new Point(Instant.parse((String) point.get("at")),
					((Number) point.get("recordsPerSecond")).doubleValue()))
			.toList();
	}

	/**
	 * When the generator began: the start of the interval of the first point with
	 * records.
	 */
	private Instant generatorStart(String id) {
		return points(id).stream()
			.filter((point) -> point.rate() > 0)
			.findFirst()
			.map((point) -> point.at().minusSeconds(2))
			.orElse(Instant.MAX);
	}

	private double mean(String id, Instant from, Instant to) {
		return points(id).stream()
			.filter((point) -> point.at().isAfter(from) && !point.at().isAfter(to))
			.mapToDouble(Point::rate)
			.average()
			.orElseThrow(() -> new AssertionError("no samples between " + from + " and " + to + ": " + points(id)));
	}

}
