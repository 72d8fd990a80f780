package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.dcf.testsupport.SharedInfrastructure;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.dcf.agent.testing.TestAgent;

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
		agent = Agents.start("builtin", TOPICS, Map.of("it", "builtin"));
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
		String stepsTopic = "it-builtin-steps-" + UUID.randomUUID();
		String rampTopic = "it-builtin-ramp-" + UUID.randomUUID();
		String steps = profileJob("steps", stepsTopic, "steps:50@0s,150@12s,300@24s");
		String ramp = profileJob("ramp", rampTopic, "ramp:50->350:24s");
		awaitState(steps, "RUNNING", DEPLOY_TIMEOUT);
		awaitState(ramp, "RUNNING", DEPLOY_TIMEOUT);

		int[] stepSeconds = recordsPerSecond(stepsTopic, 36);
		int[] rampSeconds = recordsPerSecond(rampTopic, 36);
		stop(steps);
		stop(ramp);
		// each window keeps a second away from a step on both sides
		assertWindows("steps:50@0s,150@12s,300@24s", stepSeconds, new Window(1, 11, 50), new Window(13, 23, 150),
				new Window(25, 35, 300));
		// the ramp is 50 + 12.5 t records/s, so second k holds 50 + 12.5 (k + 0.5)
		// records: the median of seconds 4..10 is second 7's, of 12..18 second 15's
		assertWindows("ramp:50->350:24s", rampSeconds, new Window(4, 11, 143.75), new Window(12, 19, 243.75),
				new Window(25, 35, 350));
		awaitState(steps, "COMPLETED", DEPLOY_TIMEOUT);
		awaitState(ramp, "COMPLETED", DEPLOY_TIMEOUT);
	}

	private String profileJob(String name, String topic, String profile) {
		Map<String, Object> job = builtIn(name,
				Map.of("kind", "template", "template", "{\"n\": \"{{seq}}\"}", "profile", profile));
		job.put("topic", topic);
		job.put("env", Map.of("RATE", "50"));
		job.put("cpuLimit", 1.0);
		job.put("durationSeconds", 90);
		return create(job);
	}

	/**
	 * How many records the generator wrote in each whole second after its first record,
	 * by the records' own timestamps (set when the generator sends them): what the
	 * generator did, not when a sampler happened to look. Reads until a record is the
	 * given seconds past the first.
	 */
	private static int[] recordsPerSecond(String topic, int seconds) {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		int[] counts = new int[seconds];
		long first = -1;
		long last = -1;
		List<Long> timestamps = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = await().atMost(Duration.ofSeconds(30))
				.until(() -> consumer.partitionsFor(topic, Duration.ofSeconds(5))
					.stream()
					.map((info) -> new TopicPartition(topic, info.partition()))
					.toList(), (found) -> !found.isEmpty());
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			// one partition may be read far ahead of another: once any record is late
			// enough, every partition is read to the end it had then
			Map<TopicPartition, Long> ends = new HashMap<>();
			while (ends.isEmpty() || partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				assertThat(System.nanoTime() - deadline).as("%d s of records on %s", seconds, topic).isNegative();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					timestamps.add(record.timestamp());
					first = (first < 0) ? record.timestamp() : Math.min(first, record.timestamp());
					last = Math.max(last, record.timestamp());
				}
				if (ends.isEmpty() && first >= 0 && last - first >= seconds * 1000L) {
					ends.putAll(consumer.endOffsets(partitions));
				}
			}
		}
		for (long timestamp : timestamps) {
			long second = (timestamp - first) / 1000;
			if (second < seconds) {
				counts[(int) second]++;
			}
		}
		return counts;
	}

	/**
	 * Seconds {@code from} (inclusive) to {@code to} (exclusive) and the rate expected.
	 */
	private record Window(int from, int to, double expected) {
	}

	/**
	 * Each window's median count is its expected rate ±10 %: the median ignores a few
	 * seconds in which a loaded machine held the generator back.
	 */
	private static void assertWindows(String profile, int[] counts, Window... windows) {
		double[] measured = Arrays.stream(windows)
			.mapToDouble((window) -> median(counts, window.from(), window.to()))
			.toArray();
		logger.info(profile + " expected " + Arrays.stream(windows).map(Window::expected).toList() + " measured "
				+ Arrays.toString(measured));
		for (int i = 0; i < windows.length; i++) {
			assertThat(measured[i]).as("%s, seconds %d..%d", profile, windows[i].from(), windows[i].to() - 1)
				.isCloseTo(windows[i].expected(), within(windows[i].expected() * 0.1));
		}
	}

	/** The median count of seconds {@code from} (inclusive) to {@code to} (exclusive). */
	private static double median(int[] counts, int from, int to) {
		int[] window = Arrays.copyOfRange(counts, from, to);
		Arrays.sort(window);
		int middle = window.length / 2;
		return (window.length % 2 == 1) ? window[middle] : (window[middle - 1] + window[middle]) / 2.0;
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

}
