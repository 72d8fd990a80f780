package dev.dcf.handler.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.DcfTopics;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job's life with a real agent on real Docker: placed, RUNNING with its containers,
 * stopped by the user or by its duration, scheduled, failed by an exit code, failed for
 * want of an agent; and a poison record on the status topic that is dead-lettered without
 * holding up the reports behind it.
 */
class JobLifecycleIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("lifecycle", TOPICS, Map.of("it", "lifecycle"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void createdJobRunsWithItsContainersAndStopsWhenAskedLeavingNothingBehind() {
		String id = create(sleeper("lifecycle", 2));

		Map<String, Object> running = awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		assertThat(running.get("agentId")).isEqualTo(agent.id());
		assertThat(running.get("stateReason")).isEqualTo("all 2 containers started");
		assertThat(running.get("startedAt")).isNotNull();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> containers = (List<Map<String, Object>>) running.get("containerList");
		assertThat(containers).extracting((container) -> container.get("name"))
			.containsExactly("dcf-" + id + "-0", "dcf-" + id + "-1");
		assertThat(containers).extracting((container) -> container.get("state")).containsOnly("RUNNING");
		assertThat(docker.runningContainersOfJob(id)).hasSize(2);
		assertThat(metrics()).containsPattern("dcf_job_instruction_to_running_seconds_count [1-9]")
			.containsPattern("dcf_job_instruction_to_running_seconds_bucket\\{le=\"[0-9.]+\"} [1-9]")
			.containsPattern("dcf_instructions_sent_total\\{operation=\"CREATE\"} [1-9]");

		stop(id);

		Map<String, Object> completed = awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
		assertThat(completed.get("stateReason"))
			.isEqualTo("stopped by alice: containers removed by agent " + agent.id());
		assertThat(docker.containersOfJob(id)).isEmpty();
		// the topic's preparation may add an entry of its own ("topic ... created with 3
		// partitions")
		assertThat(events(id)).filteredOn((event) -> !String.valueOf(event.get("reason")).startsWith("topic "))
			.extracting((event) -> event.get("to"))
			.containsExactly("CREATED", "DEPLOYING", "DEPLOYING", "RUNNING", "STOPPING", "COMPLETED");
	}

	@Test
	void aJobStopsByItselfWhenItsDurationIsOver() {
		Map<String, Object> job = sleeper("lifecycle", 1);
		job.put("durationSeconds", 10);
		String id = create(job);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		awaitState(id, "COMPLETED", Duration.ofSeconds(40));

		Instant running = enteredAt(id, "RUNNING");
		Instant stopping = enteredAt(id, "STOPPING");
		assertThat(stopping).isAfterOrEqualTo(running.plusSeconds(10));
		assertThat(events(id)).anySatisfy((event) -> {
			assertThat(event.get("to")).isEqualTo("STOPPING");
			assertThat(event.get("reason")).isEqualTo("ran for its duration of 10 s");
		});
		assertThat(docker.containersOfJob(id)).isEmpty();
	}

	@Test
	void aJobWithAStartTimeAheadIsScheduledAndRunsFromThen() {
		Instant startAt = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		Map<String, Object> job = sleeper("lifecycle", 1);
		job.put("startAt", startAt.toString());

		String id = create(job);

		assertThat(state(id)).isEqualTo("SCHEDULED");
		awaitState(id, "RUNNING", Duration.ofSeconds(5).plus(DEPLOY_TIMEOUT));
		assertThat(enteredAt(id, "DEPLOYING")).isAfterOrEqualTo(startAt);
		stop(id);
		awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
	}

	@Test
	void aContainerExitingWithOneFailsTheJobNamingContainerAndCode() {
		Map<String, Object> job = sleeper("lifecycle", 1);
		job.put("env", Map.of("EXIT_CODE", "1", "SLEEP", "2"));
		String id = create(job);

		Map<String, Object> failed = awaitState(id, "FAILED", DEPLOY_TIMEOUT);

		assertThat(failed.get("stateReason")).isEqualTo("container dcf-" + id + "-0 exited with code 1");
		assertThat(events(id)).extracting((event) -> event.get("to")).contains("RUNNING");
		// the handler removes what is left of a failed job
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(docker.containersOfJob(id)).isEmpty());
	}

	@Test
	void aJobNoAgentCanTakeFailsAfterThePlacementTimeoutWithEveryAgentsReason() {
		Map<String, Object> job = sleeper("nobody", 1);
		String id = create(job);

		assertThat(state(id)).isEqualTo("DEPLOYING");
		Map<String, Object> failed = awaitState(id, "FAILED", Duration.ofSeconds(30));

		assertThat((String) failed.get("stateReason")).startsWith("no agent can take it: ")
			.contains("agent " + agent.id() + " lacks label it=nobody");
		assertThat(failed.get("agentId")).isNull();
	}

	@Test
	void aPoisonRecordGoesToTheDeadLetterTopicAndTheReportsBehindItAreApplied() {
		Map<String, Object> job = sleeper("lifecycle", 1);
		job.put("start", false);
		String id = create(job);
		byte[] poison = ("not a JobStatus " + UUID.randomUUID()).getBytes();
		// keyed by the job id: the job's own reports follow it on the same partition
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(TOPICS.jobStatus(), id, poison));
		}

		start(id);

		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(deadLetters(DcfTopics.dlt(TOPICS.jobStatus()))).anySatisfy((record) -> {
				assertThat(record.key()).isEqualTo(id);
				assertThat(record.value()).isEqualTo(poison);
			}));
		stop(id);
		awaitState(id, "COMPLETED", DEPLOY_TIMEOUT);
	}

	@Test
	void kafkaHealthIsReportedWithTheDatabaseAndTheSightOfHeartbeats() {
		// the handler is blind (health DOWN) until its heartbeat listener has caught up
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.alice.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.components.kafka.status")
				.isEqualTo("UP")
				.jsonPath("$.components.kafka.details.brokers")
				.isEqualTo(1)
				.jsonPath("$.components.db.status")
				.isEqualTo("UP")
				.jsonPath("$.components.agentLiveness.status")
				.isEqualTo("UP"));
	}

	private String metrics() {
		return this.alice.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
	}

	private static KafkaProducer<String, byte[]> producer() {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic) {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(topic, 0);
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			return consumer.poll(Duration.ofSeconds(2)).records(partition);
		}
	}

}
