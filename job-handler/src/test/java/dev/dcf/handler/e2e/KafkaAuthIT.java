package dev.dcf.handler.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.github.dockerjava.api.model.Container;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.dryrun.DryRunResult;
import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.testsupport.TestClients;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.standalone.embedded.EmbeddedKafka;
import dev.dcf.standalone.embedded.EmbeddedSchemaRegistry;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * On a broker with SASL and ACLs (docs/security.md): a job run's container gets its own
 * Kafka credentials, with which the sample generator writes the run's topic; they write
 * nothing else and stop working when the run ends. The handler (a super user) and the
 * agent (a user with the ACLs the handler grants agents) are applications of their own on
 * that broker, started and stopped by the test.
 */
@RequiresDocker
class KafkaAuthIT {

	private final TestTopics topics = TestTopics.unique("auth");

	private final List<AutoCloseable> running = new ArrayList<>();

	private BrokerAuth auth;

	private EmbeddedKafka kafka;

	@BeforeAll
	static void images() {
		TestImages.ensureBuilt();
	}

	@AfterEach
	void stopAll() throws Exception {
		for (int i = this.running.size() - 1; i >= 0; i--) {
			this.running.get(i).close();
		}
	}

	@Test
	void aRunsContainerMayWriteItsOwnTopicOnlyAndItsCredentialsDieWithTheRun() throws Exception {
		startBroker();
		String jobTopic = "auth-job-" + UUID.randomUUID();
		String otherJobsTopic = "auth-other-" + UUID.randomUUID();
		createTopics(jobTopic, otherJobsTopic, this.topics.instructions(), this.topics.agentStatus());
		// the agent first: the broker refuses it until the handler, starting after it,
		// grants its principal the management topics; it keeps trying meanwhile
		TestAgent agent = Agents.start("auth", this.topics, Map.of("it", "auth"), client("dcf-agent"));
		this.running.add(() -> {
			agent.close();
			try (Docker docker = new Docker()) {
				docker.removeAllOf(agent.id());
			}
		});
		JobService jobs = handler().getBean(JobService.class);

		Job created = jobs.create(TestJobs.request()
			.image(TestImages.GENERATOR)
			.topic(jobTopic)
			.containers(1)
			.cpuLimit(0.5)
			.memoryLimitMb(256)
			.env(Map.of("RATE", "20"))
			.agentLabels(Map.of("it", "auth"))
			.start(true)
			.build(), "alice");
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jobs.get(created.getId()).getState() == JobState.RUNNING);
		Map<String, String> env = containerEnv(created.getId());

		assertThat(env).containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
			.containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
			.containsKey("KAFKA_SASL_JAAS_CONFIG");
		Map<String, String> run = Map.of("security.protocol", env.get("KAFKA_SECURITY_PROTOCOL"), "sasl.mechanism",
				env.get("KAFKA_SASL_MECHANISM"), "sasl.jaas.config", env.get("KAFKA_SASL_JAAS_CONFIG"));
		// the sample generator writes with them
		await().atMost(Duration.ofSeconds(30)).until(() -> endOffset(jobTopic) > 0);
		send(run, jobTopic);
		assertThatThrownBy(() -> send(run, otherJobsTopic)).hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> send(run, this.topics.agentStatus()))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> send(run, this.topics.instructions()))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> read(run, this.topics.instructions())).isInstanceOf(TopicAuthorizationException.class);
		// the same user for the registry: its own topic's subjects only
		String registryLogin = env.get("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO");
		assertThat(registryLogin).startsWith("dcf-run-" + created.getId() + "-1:");
		assertThat(env.get("SCHEMA_REGISTRY_URL")).as("the agent's own registry login stays with the agent")
			.doesNotContain("@");
		assertThat(registerSchema(registryLogin, jobTopic + "-value")).isEqualTo(200);
		assertThat(registerSchema(registryLogin, otherJobsTopic + "-value")).isEqualTo(403);
		assertThat(registerSchema(registryLogin, this.topics.agentStatus() + "-value")).isEqualTo(403);

		jobs.stop(created.getId(), new Actor("alice", false));
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jobs.get(created.getId()).getState() == JobState.COMPLETED);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThatThrownBy(() -> send(run, jobTopic))
				.hasCauseInstanceOf(SaslAuthenticationException.class));
	}

	@Test
	void aDryRunOnTheAuthenticatedBrokerWritesItsScratchTopicWithAPrincipalOfItsOwn() throws Exception {
		startBroker();
		createTopics(this.topics.instructions(), this.topics.agentStatus());
		ConfigurableApplicationContext handler = handler();
		TestAgent agent = Agents.start("auth-dry", this.topics, Map.of("it", "auth-dry"), client("dcf-agent"));
		this.running.add(() -> {
			agent.close();
			try (Docker docker = new Docker()) {
				docker.removeAllOf(agent.id());
			}
		});
		AgentService agents = handler.getBean(AgentService.class);
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> agents.statuses(List.of(agent.id())).get(agent.id()) == AgentState.HEALTHY);

		DryRunResult result = handler.getBean(DryRunService.class)
			.run(TestJobs.request()
				.image(TestImages.GENERATOR)
				.topic("auth-dry-" + UUID.randomUUID())
				.containers(1)
				.cpuLimit(0.5)
				.memoryLimitMb(256)
				.env(Map.of("RATE", "20"))
				.agentLabels(Map.of("it", "auth-dry"))
				.build(), "alice");

		// the broker takes nothing from an unauthenticated client: the records are the
		// proof that the container logged in, as its dry run's principal
		assertThat(result.started()).as("%s", result).isTrue();
		assertThat(result.recordsWritten()).as("%s", result).isPositive();
		assertThat(result.records()).isNotEmpty();
		assertThat(scramUsers()).as("SCRAM users after the dry run")
			.doesNotContain("dcf-run-" + result.dryRunId() + "-0");
	}

	private List<String> scramUsers() throws Exception {
		Map<String, Object> config = new HashMap<>(this.kafka.adminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			return admin.describeUserScramCredentials()
				.all()
				.get(10, TimeUnit.SECONDS)
				.keySet()
				.stream()
				.sorted()
				.toList();
		}
	}

	private void startBroker() {
		this.auth = BrokerAuth.withBrokerUser("dcf-broker", secret())
			.withSuperUser("dcf-handler", secret())
			.withUser("dcf-agent", secret());
		this.kafka = EmbeddedKafka.builder().port(0).auth(this.auth).build();
		this.running.add(this.kafka);
		this.kafka.start();
		EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
			.port(0)
			.bootstrapServers(this.kafka.bootstrapServers())
			.kafkaClientProperties(this.kafka.adminProperties())
			.authorizeWrites(true)
			.build();
		this.running.add(registry);
		registry.start();
		this.registryUrl = registry.url();
	}

	private String registryUrl;

	/** Settings of an app on the authenticated broker as {@code user}. */
	private Map<String, String> client(String user) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.kafka.bootstrap-servers", this.kafka.bootstrapServers());
		settings.put("dcf.schema-registry.url",
				RegistryClientConfig.of(this.registryUrl).withUserInfo(this.auth.basicUserInfo(user)).url());
		this.auth.clientProperties(user)
			.forEach((name, value) -> settings.put("spring.kafka.properties." + name, value));
		return settings;
	}

	private ConfigurableApplicationContext handler() throws IOException {
		Map<String, String> settings = new LinkedHashMap<>(this.topics.handlerProperties());
		settings.putAll(client("dcf-handler"));
		settings.put("server.port", "0");
		settings.put("spring.main.banner-mode", "off");
		settings.put("dcf.data-dir", Files.createTempDirectory("dcf-handler-auth").toAbsolutePath().toString());
		settings.put("dcf.security.admin-password", "admin-secret");
		settings.put("dcf.handler.agent-timeout", "4s");
		settings.put("dcf.handler.placement-interval", "1s");
		settings.put("dcf.kafka.run-principals.enabled", "true");
		settings.put("dcf.kafka.agent-principals", "dcf-agent");
		List<String> args = new ArrayList<>();
		settings.forEach((name, value) -> args.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args.toArray(String[]::new));
		this.running.add(context);
		return context;
	}

	private void createTopics(String... names) throws Exception {
		Map<String, Object> config = new HashMap<>(this.kafka.adminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(names).stream().map((name) -> new NewTopic(name, 1, (short) 1)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private long endOffset(String topic) throws Exception {
		Map<String, Object> config = new HashMap<>(this.kafka.adminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			TopicPartition partition = new TopicPartition(topic, 0);
			return admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
				.partitionResult(partition)
				.get(10, TimeUnit.SECONDS)
				.offset();
		}
	}

	private static Map<String, String> containerEnv(String jobId) {
		try (Docker docker = new Docker()) {
			List<Container> containers = docker.containersOfJob(jobId);
			assertThat(containers).hasSize(1);
			return docker.env(containers.get(0).getId())
				.stream()
				.map((entry) -> entry.split("=", 2))
				.collect(Collectors.toMap((pair) -> pair[0], (pair) -> (pair.length > 1) ? pair[1] : ""));
		}
	}

	private void send(Map<String, String> client, String topic) throws Exception {
		TestClients.sendOne(this.kafka.bootstrapServers(), client, topic);
	}

	private void read(Map<String, String> client, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.bootstrapServers());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(new TopicPartition(topic, 0)));
			consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
			consumer.poll(Duration.ofSeconds(5));
		}
	}

	private int registerSchema(String login, String subject) throws Exception {
		return TestClients.registerSchema(this.registryUrl, subject, login).statusCode();
	}

	private static String secret() {
		return UUID.randomUUID().toString().replace("-", "");
	}

}
