package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records produced (docs/handler-runtime.md): the sample generator writes 40 records to a
 * topic of three partitions and exits; the job completes and shows exactly those 40,
 * frozen.
 */
class RecordsProducedIT extends EndToEndTest {

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("records", TOPICS, Map.of("it", "records"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void aGeneratorJobShowsTheRecordsItWroteOnceItCompleted() throws Exception {
		String topic = "it-records-" + UUID.randomUUID();
		try (Admin admin = Admin.create(SharedInfrastructure.authenticated().clientProperties())) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		}
		Map<String, Object> job = sleeper("records", 1);
		job.put("name", "it-records");
		job.put("image", TestImages.GENERATOR);
		job.put("topic", topic);
		job.put("memoryLimitMb", 256);
		job.put("cpuLimit", 0.5);
		job.put("env", Map.of("RATE", "20", "MAX_RECORDS", "40"));
		String id = create(job);

		Map<String, Object> done = awaitState(id, "COMPLETED", Duration.ofSeconds(90));

		assertThat(done.get("stateReason")).isEqualTo("the container exited with code 0");
		assertThat(((Number) done.get("recordsProduced")).longValue()).isEqualTo(40);
		// frozen: the same figure later, without the container
		assertThat(((Number) job(id).get("recordsProduced")).longValue()).isEqualTo(40);
	}

}
