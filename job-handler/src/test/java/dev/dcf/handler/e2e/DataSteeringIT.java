package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The job's data steered (docs/usage.md, "Rate, amount and throughput"): the sample
 * generator on a real agent, the real broker. A target rate reaches each container as its
 * share and is measured back; a record limit ends the job with exactly that many records;
 * a topic that grows by the limit through another writer stops the job too.
 */
class DataSteeringIT extends EndToEndTest {

	private static final Log logger = LogFactory.getLog(DataSteeringIT.class);

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("steering", TOPICS, Map.of("it", "steering"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aTargetRateIsSharedByTheContainersAndMeasuredWithinTenPercent() {
		Map<String, Object> job = generator("rate");
		job.put("containers", 2);
		job.put("targetRate", 200);
		job.put("durationSeconds", 60);
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		assertThat(docker.runningContainersOfJob(id))
			.allSatisfy((container) -> assertThat(docker.env(container.getId())).contains("RATE=100"));

		// the generators' JVMs start in their own time (seconds on a loaded machine): the
		// measurement begins after the first two points with records, whose intervals
		// hold
		// the starts, and takes the next six (about 12 s)
		List<Map<String, Object>> points = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> pointsAfterTheStart(id), (after) -> after.size() >= 6)
			.subList(0, 6);
		double measured = points.stream()
			.mapToDouble((point) -> ((Number) point.get("recordsPerSecond")).doubleValue())
			.average()
			.orElseThrow();

		logger.info(String.format(Locale.ROOT, "Target 200 records/s, measured %.1f records/s (mean of %d points)",
				measured, points.size()));
		assertThat(measured).as("mean of %s", points).isCloseTo(200.0, within(20.0));
		Map<String, Object> throughput = this.api.throughput(id);
		assertThat(throughput.get("targetRate")).isEqualTo(200.0);
		assertThat(throughput.get("deviationPercent")).isNotNull();
		assertThat(throughput.get("sampling")).isEqualTo(true);
		assertThat(prometheus()).containsPattern("dcf_job_records_per_second\\{job=\"" + id + "\"} [0-9.]+");
		stop(id);
		awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
	}

	@Test
	void aRecordLimitEndsTheJobWithExactlyThatManyRecords() throws Exception {
		Map<String, Object> job = generator("limit");
		job.put("containers", 2);
		job.put("targetRate", 2500);
		job.put("maxRecords", 5000);
		String id = create(job);

		Map<String, Object> done = awaitState(id, "COMPLETED", Duration.ofSeconds(90));

		assertThat((String) done.get("stateReason")).startsWith("5000 records reached");
		// each container wrote its share and exited; at most one producer batch more (16
		// KiB
		// holds under 100 of these records of about 180 bytes)
		assertThat(endOffsetSum((String) job.get("topic"))).isBetween(5000L, 5100L);
		assertThat(((Number) done.get("recordsProduced")).longValue()).isEqualTo(5000);
	}

	@Test
	void aTopicThatGrewByTheLimitStopsAJobWhoseGeneratorIsFarFromIt() {
		Map<String, Object> job = generator("count");
		job.put("targetRate", 1);
		job.put("maxRecords", 300);
		String topic = (String) job.get("topic");
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		// another writer: the count is the broker's, whoever wrote
		try (KafkaProducer<String, String> producer = producer()) {
			for (int i = 0; i < 400; i++) {
				producer.send(new ProducerRecord<>(topic, "other-" + i, "{\"other\":" + i + "}"));
			}
		}

		Map<String, Object> done = awaitState(id, "COMPLETED", Duration.ofSeconds(30));
		assertThat((String) done.get("stateReason"))
			.isEqualTo("300 records reached: containers removed by agent " + agent.id());
	}

	private Map<String, Object> generator(String name) {
		Map<String, Object> job = sleeper("steering", 1);
		job.put("name", "it-steering-" + name);
		job.put("image", TestImages.GENERATOR);
		job.put("topic", "it-steering-" + name + "-" + UUID.randomUUID());
		job.put("memoryLimitMb", 256);
		job.put("cpuLimit", 0.5);
		job.put("durationSeconds", 120);
		return job;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> pointsAfterTheStart(String id) {
		List<Map<String, Object>> points = (List<Map<String, Object>>) this.api.throughput(id).get("points");
		int firstWithRecords = 0;
		while (firstWithRecords < points.size()
				&& ((Number) points.get(firstWithRecords).get("recordsPerSecond")).doubleValue() == 0) {
			firstWithRecords++;
		}
		return points.subList(Math.min(points.size(), firstWithRecords + 2), points.size());
	}

	private String prometheus() {
		return this.alice.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	private static long endOffsetSum(String topic) throws Exception {
		try (Admin admin = Admin.create(SharedInfrastructure.authenticated().clientProperties())) {
			int partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.size();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int p = 0; p < partitions; p++) {
				latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
			return admin.listOffsets(latest)
				.all()
				.get(10, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}
	}

	private static KafkaProducer<String, String> producer() {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
	}

}
