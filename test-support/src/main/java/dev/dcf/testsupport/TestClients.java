package dev.dcf.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Kafka and schema-registry clients as a test's stand-in for somebody else: what a login
 * may do.
 */
public final class TestClients {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private TestClients() {
	}

	/**
	 * Registers the schema {@code "string"} under a subject, as a client of the registry.
	 * @param registryUrl the registry's base URL, without a login
	 * @param subject the subject
	 * @param login {@code user:password} for HTTP Basic, or {@code null} for none
	 * @return the registry's answer
	 */
	public static HttpResponse<String> registerSchema(String registryUrl, String subject, String login)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(registryUrl + "/subjects/" + subject + "/versions"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/vnd.schemaregistry.v1+json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}"));
		if (login != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends one record with a login, within about 10 s.
	 * @param bootstrapServers the broker
	 * @param client the login's client settings (security protocol, mechanism, JAAS)
	 * @param topic where to
	 * @throws java.util.concurrent.ExecutionException whose cause is the broker's refusal
	 * (e.g. {@code TopicAuthorizationException}, {@code SaslAuthenticationException})
	 * @throws Exception when the record is not acknowledged
	 */
	public static void sendOne(String bootstrapServers, Map<String, ?> client, String topic) throws Exception {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "k", "v")).get(10, TimeUnit.SECONDS);
		}
	}

}
