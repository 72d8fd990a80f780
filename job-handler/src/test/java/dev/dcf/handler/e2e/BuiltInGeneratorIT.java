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
 * Avro the registry decodes, and the measured rates of a steps and a ramp profile follow
 * their shapes.
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
	void stepsAndRampProfilesMeasuredRatesFollowTheirShapes() {
		String steps = profileJob("steps", "steps:100@0s,300@12s,600@24s");
		String ramp = profileJob("ramp", "ramp:100->700:24s");
		awaitState(steps, "RUNNING", DEPLOY_TIMEOUT);
		awaitState(ramp, "RUNNING", DEPLOY_TIMEOUT);

		List<Point> stepPoints = pointsUntil(steps, 35);
		Instant start = generatorStart(stepPoints);
		// a sample measures the 2 s before it and the start is known to 2 s: each window
		// keeps 1 s away from the steps on both sides
		double first = median(stepPoints, start.plusSeconds(5), start.plusSeconds(11));
		double second = median(stepPoints, start.plusSeconds(17), start.plusSeconds(23));
		double third = median(stepPoints, start.plusSeconds(29), start.plusSeconds(35));
		logger.info(String.format(Locale.ROOT, "Steps 100, 300, 600 records/s measured %.1f, %.1f, %.1f", first, second,
				third));
		assertThat(first).isCloseTo(100, within(10.0));
		assertThat(second).isCloseTo(300, within(30.0));
		assertThat(third).isCloseTo(600, within(60.0));

		List<Point> rampPoints = pointsUntil(ramp, 35);
		Instant rampStart = generatorStart(rampPoints);
		double early = median(rampPoints, rampStart.plusSeconds(5), rampStart.plusSeconds(11));
		double later = median(rampPoints, rampStart.plusSeconds(13), rampStart.plusSeconds(19));
		double held = median(rampPoints, rampStart.plusSeconds(29), rampStart.plusSeconds(35));
		logger.info(String.format(Locale.ROOT, "Ramp 100 -> 700 over 24 s measured %.1f, %.1f, then %.1f", early, later,
				held));
		// a window covers 1..11 s (then 9..19 s) of the ramp by the uncertainty of its
		// start: 125..375 (then 325..575) records/s, and it holds 700 once done
		assertThat(early).isBetween(125 * 0.9, 375 * 1.1);
		assertThat(later).isBetween(325 * 0.9, 575 * 1.1).isGreaterThan(early);
		assertThat(held).isCloseTo(700, within(70.0)).isGreaterThan(later);
		stop(steps);
		stop(ramp);
		awaitState(steps, "COMPLETED", DEPLOY_TIMEOUT);
		awaitState(ramp, "COMPLETED", DEPLOY_TIMEOUT);
	}

	private String profileJob(String name, String profile) {
		Map<String, Object> job = builtIn(name,
				Map.of("kind", "template", "template", "{\"n\": \"{{seq}}\"}", "profile", profile));
		job.put("env", Map.of("RATE", "100"));
		job.put("durationSeconds", 90);
		return create(job);
	}

	/**
	 * The job's series once it reaches the given seconds after the generator's start. One
	 * snapshot per poll: the series grows between two reads.
	 */
	private List<Point> pointsUntil(String id, int seconds) {
		return await().atMost(Duration.ofSeconds(70))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> points(id), (snapshot) -> snapshot.size() > 2 && !generatorStart(snapshot).equals(Instant.MAX)
					&& snapshot.get(snapshot.size() - 1).at().isAfter(generatorStart(snapshot).plusSeconds(seconds)));
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
	 * When the generator began, at the earliest: the start of the interval of the first
	 * point with records (the previous point, or 2 s before it when it is the first).
	 * Rounds of the sampler stretch on a loaded machine, so the interval is read, not
	 * assumed.
	 */
	private static Instant generatorStart(List<Point> points) {
		for (int i = 0; i < points.size(); i++) {
			if (points.get(i).rate() > 0) {
				return (i > 0) ? points.get(i - 1).at() : points.get(i).at().minusSeconds(2);
			}
		}
		return Instant.MAX;
	}

	/**
	 * The median rate of the points in a window: one point whose interval was stretched
	 * across a step by a late round does not move it.
	 */
	private static double median(List<Point> points, Instant from, Instant to) {
		double[] rates = points.stream()
			.filter((point) -> point.at().isAfter(from) && !point.at().isAfter(to))
			.mapToDouble(Point::rate)
			.sorted()
			.toArray();
		if (rates.length == 0) {
			throw new AssertionError("no samples between " + from + " and " + to + ": " + points);
		}
		int middle = rates.length / 2;
		return (rates.length % 2 == 1) ? rates[middle] : (rates[middle - 1] + rates[middle]) / 2;
	}

}
