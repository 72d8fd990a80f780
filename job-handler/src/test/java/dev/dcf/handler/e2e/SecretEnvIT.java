package dev.dcf.handler.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secret env values (docs/security.md) with the real broker, a real agent and real
 * Docker: a secret by name and one marked in {@code secretEnv} reach the running
 * container, while the instruction's raw bytes on the topic, the database row, the job as
 * its owner and another user read it, a clone, and the logs hold neither value.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretEnvIT extends EndToEndTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static TestAgent agent;

	private static Docker docker;

	@Autowired
	JdbcTemplate jdbc;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("secrets", TOPICS, Map.of("it", "secrets"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@SuppressWarnings("unchecked") // JSON read as maps and lists
	@Test
	void secretValuesReachOnlyTheContainer(CapturedOutput output) {
		String byName = "pw-" + UUID.randomUUID();
		String marked = "url-" + UUID.randomUUID();
		Map<String, Object> request = sleeper("secrets", 1);
		Map<String, String> env = new LinkedHashMap<>();
		env.put("RATE", "5");
		env.put("DB_PASSWORD", byName);
		env.put("CONNECTION_URL", marked);
		request.put("env", env);
		request.put("secretEnv", List.of("CONNECTION_URL"));

		String id = create(request);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);

		String container = docker.runningContainersOfJob(id).get(0).getId();
		assertThat(docker.env(container)).contains("RATE=5", "DB_PASSWORD=" + byName, "CONNECTION_URL=" + marked);

		List<ConsumerRecord<String, byte[]>> instructions = instructionsTo(agent.id());
		assertThat(instructions).anySatisfy((record) -> assertThat(text(record)).contains(id));
		assertThat(instructions).allSatisfy((record) -> assertThat(text(record)).doesNotContain(byName, marked));

		List<Map<String, Object>> rows = this.jdbc
			.queryForList("select env_name, env_value, env_secret from job_env where job_id = ? order by position", id);
		assertThat(rows).extracting((row) -> row.get("ENV_NAME"), (row) -> row.get("ENV_SECRET"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RATE", false),
					org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", true),
					org.assertj.core.groups.Tuple.tuple("CONNECTION_URL", true));
		assertThat(rows).allSatisfy((row) -> assertThat((String) row.get("ENV_VALUE")).doesNotContain(byName, marked));

		for (JobsApi reader : List.of(this.api, new JobsApi(this.client, "admin", "admin-secret"))) {
			Map<String, Object> job = reader.job(id);
			assertThat((Map<String, Object>) job.get("env")).containsEntry("RATE", "5")
				.containsEntry("DB_PASSWORD", "••••••••")
				.containsEntry("CONNECTION_URL", "••••••••");
			assertThat((List<String>) job.get("secretEnv")).containsExactly("DB_PASSWORD", "CONNECTION_URL");
			assertThat(reader.client()
				.get()
				.uri("/api/jobs/{id}", id)
				.exchange()
				.returnResult(String.class)
				.getResponseBody()).doesNotContain(byName, marked);
		}

		Map<String, Object> clone = this.alice.post()
			.uri("/api/jobs/{id}/clone", id)
			.exchange()
			.expectStatus()
			.is2xxSuccessful()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat((Map<String, Object>) clone.get("env")).containsEntry("RATE", "5")
			.containsEntry("DB_PASSWORD", "")
			.containsEntry("CONNECTION_URL", "");
		assertThat((List<String>) clone.get("secretEnv")).containsExactly("DB_PASSWORD", "CONNECTION_URL");

		stop(id);
		awaitState(id, "COMPLETED", Duration.ofSeconds(30));
		assertThat(output.getAll()).doesNotContain(byName, marked);
	}

	private static String text(ConsumerRecord<String, byte[]> record) {
		return new String(record.value(), StandardCharsets.ISO_8859_1);
	}

	/** Every instruction on the topic addressed to the agent, as raw bytes. */
	private static List<ConsumerRecord<String, byte[]>> instructionsTo(String agentId) {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(TOPICS.instructions())
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (agentId.equals(record.key())) {
						records.add(record);
					}
				});
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= end.get(partition));
			});
			return records;
		}
	}

}
