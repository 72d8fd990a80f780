package dev.dcf.handler.placement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicFacts;
import dev.dcf.handler.job.TopicInspector;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Job topics managed by DCF, in the whole handler against the shared embedded broker (one
 * broker): the placement loop creates a missing topic, reports an existing one with fewer
 * partitions without changing it, fails a job whose topic the broker refuses, truncates
 * before a fresh start but not before a replacement run, and deletes a
 * {@code delete-with-job} topic with its job. No agent heartbeats on this handler's
 * topics, so a job whose topic is ready waits in DEPLOYING for an agent.
 */
@SpringBootTest(properties = { "dcf.security.admin-password=admin-secret", "dcf.handler.placement-interval=200ms" })
class ManagedTopicsIT {

	private static final Path DATA_DIR = createDataDir();

	private static final TestTopics TOPICS = TestTopics.unique("managed-topics-it");

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final Actor ALICE = new Actor("alice", false);

	private static Admin admin;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("dcf.data-dir", DATA_DIR::toString);
		TOPICS.handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	JobService jobService;

	@Autowired
	JobRemoval removal;

	@Autowired
	JobRepository jobs;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Clock clock;

	@Autowired
	TopicInspector inspector;

	@BeforeAll
	static void admin() {
		admin = Admin.create(SharedInfrastructure.authenticated().clientProperties());
	}

	@AfterAll
	static void closeAdmin() {
		admin.close(Duration.ofSeconds(5));
	}

	@Test
	void aJobWithThreePartitionsCreatesItsMissingTopicWithThree() throws Exception {
		String topic = topic("created");

		Job job = started(TestJobs.request().topic(topic).partitions(3));

		awaitPrepared(job.getId());
		assertThat(partitions(topic)).isEqualTo(3);
		assertThat(reasons(job.getId())).contains("topic " + topic + " created with 3 partitions");
		assertThat(this.jobService.get(job.getId()).getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void anExistingTopicWithOnePartitionIsReportedInTheTimelineAndNotChanged() throws Exception {
		String topic = topic("narrow");
		admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

		Job job = started(TestJobs.request().topic(topic).partitions(3));

		awaitPrepared(job.getId());
		assertThat(reasons(job.getId())).anySatisfy((reason) -> assertThat(reason)
			.startsWith("warning: topic " + topic + " exists with 1 partitions, fewer than the 3"));
		assertThat(partitions(topic)).isEqualTo(1);
		assertThat(this.jobService.get(job.getId()).getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void aReplicationFactorTheBrokerCannotSatisfyFailsTheJobWithTheBrokersReason() {
		String topic = topic("replicated");

		Job job = started(TestJobs.request().topic(topic).replicationFactor(3));

		await().atMost(WAIT).until(() -> this.jobService.get(job.getId()).getState() == JobState.FAILED);
		assertThat(this.jobService.get(job.getId()).getStateReason())
			.startsWith("topic " + topic + " could not be prepared: ")
			.contains("InvalidReplicationFactorException");
	}

	@Test
	void truncateBeforeRunEmptiesTheTopicBeforeAFreshStartButNotBeforeAReplacementRun() throws Exception {
		String topic = topic("truncated");
		admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
		produce(topic, 10);

		Job job = started(TestJobs.request().topic(topic).topicCleanup("truncate-before-run"));

		awaitPrepared(job.getId());
		assertThat(offsets(topic, OffsetSpec.earliest())).isEqualTo(offsets(topic, OffsetSpec.latest()));
		assertThat(sum(offsets(topic, OffsetSpec.latest()))).isEqualTo(10);
		assertThat(reasons(job.getId())).anySatisfy((reason) -> assertThat(reason).contains("10 records deleted"));

		// the run gets going on an agent, writes, and its agent is lost: a replacement
		// run
		change(job.getId(), (found) -> {
			found.assignTo("gone-agent", this.clock.instant());
			found.markRunning(this.clock.instant());
		});
		produce(topic, 5);
		change(job.getId(), (found) -> {
			found.markLost("agent gone-agent is LOST", this.clock.instant());
			found.replace("agent gone-agent is LOST", this.clock.instant());
		});

		awaitPrepared(job.getId());
		assertThat(this.jobService.get(job.getId()).getRunNumber()).isEqualTo(2);
		assertThat(sum(offsets(topic, OffsetSpec.latest())) - sum(offsets(topic, OffsetSpec.earliest()))).isEqualTo(5);
	}

	@Test
	void deleteWithJobRemovesTheTopicWithTheJobAndKeepKeepsIt() throws Exception {
		String deleted = topic("deleted");
		String kept = topic("kept");
		Job deleting = started(TestJobs.request().topic(deleted).topicCleanup("delete-with-job"));
		Job keeping = started(TestJobs.request().topic(kept));
		awaitPrepared(deleting.getId());
		awaitPrepared(keeping.getId());
		this.jobService.stop(deleting.getId(), ALICE);
		this.jobService.stop(keeping.getId(), ALICE);

		assertThat(this.removal.delete(deleting.getId(), ALICE)).isEqualTo("topic " + deleted + " deleted");
		assertThat(this.removal.delete(keeping.getId(), ALICE)).isNull();

		assertThat(this.jobs.existsById(deleting.getId())).isFalse();
		assertThat(this.jobs.existsById(keeping.getId())).isFalse();
		await().atMost(WAIT).untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain(deleted));
		assertThat(admin.listTopics().names().get()).contains(kept);
	}

	@Test
	void theInspectorReportsPartitionsEndOffsetsAndSizeOfATopicAndThatAMissingOneIsMissing() throws Exception {
		String topic = topic("inspected");
		admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
		produce(topic, 7);

		await().atMost(WAIT).untilAsserted(() -> {
			TopicFacts facts = this.inspector.inspect(topic).orElseThrow();
			assertThat(facts.exists()).isTrue();
			assertThat(facts.partitions()).isEqualTo(2);
			assertThat(facts.endOffsetSum()).isEqualTo(7);
			assertThat(facts.sizeBytes()).isPositive();
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.inspector.inspect(topic("missing")))
				.hasValueSatisfying((facts) -> assertThat(facts.exists()).isFalse()));
	}

	@Test
	void deleteWithJobKeepsATopicAnotherJobNamesAndSaysSo() throws Exception {
		String shared = topic("shared");
		Job deleting = started(TestJobs.request().topic(shared).topicCleanup("delete-with-job"));
		Job other = this.jobService.create(TestJobs.request().name("other").topic(shared).build(), "bob");
		awaitPrepared(deleting.getId());
		this.jobService.stop(deleting.getId(), ALICE);

		assertThat(this.removal.delete(deleting.getId(), ALICE))
			.startsWith("topic " + shared + " kept: job(s) \"other\"")
			.contains(other.getId());

		assertThat(this.jobs.existsById(deleting.getId())).isFalse();
		assertThat(admin.listTopics().names().get()).contains(shared);
	}

	private Job started(TestJobs.Request request) {
		return this.jobService.create(request.start(true).build(), "alice");
	}

	private void awaitPrepared(String jobId) {
		await().atMost(WAIT).until(() -> this.jobService.get(jobId).getRun().isTopicPrepared());
	}

	private List<String> reasons(String jobId) {
		return this.jobService.events(jobId).stream().map(JobEvent::reason).toList();
	}

	private void change(String jobId, Consumer<Job> change) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			Job job = this.jobs.findById(jobId).orElseThrow();
			change.accept(job);
			this.jobs.save(job);
		});
	}

	private static String topic(String what) {
		return "managed-topics-it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static int partitions(String topic) throws Exception {
		return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
	}

	private static Map<Integer, Long> offsets(String topic, OffsetSpec spec) throws Exception {
		Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
		for (int partition = 0; partition < partitions(topic); partition++) {
			request.put(new TopicPartition(topic, partition), spec);
		}
		return admin.listOffsets(request)
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().partition(), (entry) -> entry.getValue().offset()));
	}

	private static long sum(Map<Integer, Long> offsets) {
		return offsets.values().stream().mapToLong(Long::longValue).sum();
	}

	private static void produce(String topic, int count) throws Exception {
		Properties properties = new Properties();
		properties.putAll(SharedInfrastructure.authenticated().clientProperties());
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get();
			}
		}
	}

	private static Path createDataDir() {
		try {
			return Files.createTempDirectory("dcf-managed-topics-it").toAbsolutePath();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
