package dev.dcf.standalone.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A broker with SASL and the standard authorizer: a per-run SCRAM user with WRITE and
 * DESCRIBE on its topic writes there and nowhere else, reads nothing, and stops working
 * when its credentials are deleted. The registry beside it takes writes only with a Kafka
 * user's credentials, and from a run's user only for its own topic's subjects.
 */
class AuthenticatedBrokerIT {

	private static final String BROKER_PASSWORD = "broker-password-0123456789";

	private static final String RUN_PASSWORD = "run-password-0123456789abcdef";

	private static EmbeddedKafka kafka;

	private static Admin admin;

	private static EmbeddedSchemaRegistry registry;

	@BeforeAll
	static void startBroker() throws Exception {
		kafka = EmbeddedKafka.builder()
			.port(0)
			.auth(BrokerAuth.withBrokerUser("dcf-broker", BROKER_PASSWORD)
				.withUser("dcf-handler", "handler-password-0123456789"))
			.build();
		kafka.start();
		Map<String, Object> config = new HashMap<>(kafka.adminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		admin = Admin.create(config);
		admin.createTopics(List.of(new NewTopic("job-a", 1, (short) 1), new NewTopic("job-b", 1, (short) 1),
				new NewTopic("job-c", 1, (short) 1), new NewTopic("dcf.job-instructions", 1, (short) 1),
				new NewTopic("dcf.agent-status", 1, (short) 1)))
			.all()
			.get(30, TimeUnit.SECONDS);
		registry = EmbeddedSchemaRegistry.builder()
			.port(0)
			.bootstrapServers(kafka.bootstrapServers())
			.kafkaClientProperties(kafka.adminProperties())
			.authorizeWrites(true)
			.build();
		registry.start();
	}

	@AfterAll
	static void stopBroker() {
		if (registry != null) {
			registry.close();
		}
		if (admin != null) {
			admin.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void aRunPrincipalWritesItsOwnTopicOnlyAndStopsWorkingWhenDeleted() throws Exception {
		createRunPrincipal("run-a", "job-a");
		Map<String, String> run = BrokerAuth.scramClientProperties("run-a", RUN_PASSWORD);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> send(run, "job-a"));
		assertThatThrownBy(() -> send(run, "job-b")).hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> send(run, "dcf.agent-status")).hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> send(run, "dcf.job-instructions"))
			.hasCauseInstanceOf(TopicAuthorizationException.class);
		assertThatThrownBy(() -> read(run, "dcf.job-instructions")).isInstanceOf(TopicAuthorizationException.class);

		admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion("run-a", ScramMechanism.SCRAM_SHA_512)))
			.all()
			.get(30, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThatThrownBy(() -> send(run, "job-a"))
				.hasCauseInstanceOf(SaslAuthenticationException.class));
	}

	@Test
	void aServiceUserWithoutAclsMayDoNothing() {
		Map<String, String> handler = kafka.auth().clientProperties("dcf-handler");

		assertThatThrownBy(() -> send(handler, "job-a")).hasCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void aClientWithoutCredentialsIsNotServed() {
		Map<String, String> plain = Map.of("security.protocol", "PLAINTEXT");

		assertThatThrownBy(() -> send(plain, "job-a")).isInstanceOf(ExecutionException.class);
	}

	@Test
	void theRegistryTakesWritesOnlyFromKafkaUsersAndFromARunOnlyForItsOwnTopic() throws Exception {
		createRunPrincipal("run-c", "job-c");
		String run = "run-c:" + RUN_PASSWORD;

		assertThat(register(null, "job-c-value")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"schema-registry\"");
			assertThat(response.body()).contains("40101");
		});
		assertThat(register("run-c:wrong-password-0123456789", "job-c-value").statusCode()).isEqualTo(401);
		HttpResponse<String> own = register(run, "job-c-value");
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(register(run, "job-c-key").statusCode()).isEqualTo(200);
		assertThat(register(run, "job-a-value")).satisfies((response) -> {
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("40301").contains("run-c may not write subject job-a-value");
		});
		assertThat(register(run, "dcf.agent-status-value").statusCode()).isEqualTo(403);
		assertThat(send("PUT", run, "/config", "{\"compatibility\":\"NONE\"}").statusCode()).isEqualTo(403);
		assertThat(register("dcf-handler:handler-password-0123456789", "job-a-value").statusCode())
			.as("a service user without ACLs")
			.isEqualTo(403);
		assertThat(register("dcf-broker:" + BROKER_PASSWORD, "any.subject").statusCode()).isEqualTo(200);
		assertThat(
				send("PUT", "dcf-broker:" + BROKER_PASSWORD, "/config/job-c-value", "{\"compatibility\":\"BACKWARD\"}")
					.statusCode())
			.isEqualTo(200);
		// reads stay open: consumers decode by id
		assertThat(send("GET", null, "/subjects", null).body()).contains("job-c-value").contains("any.subject");
		String id = own.body().replaceAll("\\D", "");
		assertThat(send("GET", null, "/schemas/ids/" + id, null).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> register(String login, String subject) throws Exception {
		return send("POST", login, "/subjects/" + subject + "/versions",
				"{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}");
	}

	private static HttpResponse<String> send(String method, String login, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (login != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void createRunPrincipal(String user, String topic) throws Exception {
		admin
			.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), RUN_PASSWORD)))
			.all()
			.get(30, TimeUnit.SECONDS);
		ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
		admin.createAcls(List.of(
				new AclBinding(pattern,
						new AccessControlEntry("User:" + user, "*", AclOperation.WRITE, AclPermissionType.ALLOW)),
				new AclBinding(pattern,
						new AccessControlEntry("User:" + user, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW))))
			.all()
			.get(30, TimeUnit.SECONDS);
	}

	private static void send(Map<String, String> client, String topic) throws Exception {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
		}
	}

	private static void read(Map<String, String> client, String topic) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(new org.apache.kafka.common.TopicPartition(topic, 0)));
			consumer.poll(Duration.ofSeconds(5));
		}
	}

}
