package dev.dcf.standalone.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.standalone.embedded.SchemaStore.SchemaVersion;

/**
 * The registry's storage: a compacted single-partition topic, in the record format of
 * Confluent's {@code _schemas} topic (JSON keys {@code {"keytype":"SCHEMA",...}} and
 * {@code {"keytype":"CONFIG",...}}). Writes wait for the broker's acknowledgement
 * ({@code acks=all}); {@link #replayInto} reads the topic to its end. Not thread safe for
 * writers: the registry serializes its writes.
 */
final class SchemaLog implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SchemaLog.class);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String bootstrapServers;

	private final String topic;

	private final Duration timeout;

	private KafkaProducer<String, String> producer;

	private final Map<String, String> clientProperties;

	SchemaLog(String bootstrapServers, String topic, Duration timeout) {
		this(bootstrapServers, Map.of(), topic, timeout);
	}

	/** With {@code clientProperties} (e.g. SASL settings) added to every client. */
	SchemaLog(String bootstrapServers, Map<String, String> clientProperties, String topic, Duration timeout) {
		this.clientProperties = Map.copyOf(clientProperties);
		this.bootstrapServers = bootstrapServers;
		this.topic = topic;
		this.timeout = timeout;
	}

	/** Creates the topic if needed and opens the producer. */
	void open() {
		ensureTopic();
		int timeoutMs = (int) this.timeout.toMillis();
		this.producer = new KafkaProducer<>(
				withClientProperties(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ProducerConfig.CLIENT_ID_CONFIG, "embedded-schema-registry", ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0,
						ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
						Math.min(timeoutMs, 10_000), ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs,
						ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500)),
				new StringSerializer(), new StringSerializer());
	}

	/** Reads the whole topic into {@code store}, in order. */
	void replayInto(SchemaStore store) {
		TopicPartition partition = new TopicPartition(this.topic, 0);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(withClientProperties(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers, ConsumerConfig.CLIENT_ID_CONFIG,
						"embedded-schema-registry-reader", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), this.timeout).get(partition);
			long deadline = System.nanoTime() + this.timeout.toNanos();
			int count = 0;
			while (consumer.position(partition, this.timeout) < end) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Could not read " + this.topic + " to its end (offset " + end + ") within " + this.timeout);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					apply(record.key(), record.value(), store);
					count++;
				}
			}
			log.debug("Read {} records from {}", count, this.topic);
		}
	}

	void append(SchemaVersion version) {
		ObjectNode key = JSON.createObjectNode()
			.put("keytype", "SCHEMA")
			.put("subject", version.subject())
			.put("version", version.version())
			.put("magic", 1);
		ObjectNode value = JSON.createObjectNode()
			.put("subject", version.subject())
			.put("version", version.version())
			.put("id", version.id())
			.put("schema", version.schema())
			.put("deleted", false);
		send(key.toString(), value.toString());
	}

	/** Stores the level of {@code subject}, or the global level when it is null. */
	void appendConfig(String subject, CompatibilityLevel level) {
		ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
		ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", level.name());
		send(key.toString(), value.toString());
	}

	private Map<String, Object> withClientProperties(Map<String, Object> config) {
		Map<String, Object> all = new java.util.HashMap<>(this.clientProperties);
		all.putAll(config);
		return all;
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	private void send(String key, String value) {
		try {
			this.producer.send(new ProducerRecord<>(this.topic, 0, key, value))
				.get(this.timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw RegistryException.store("Interrupted while writing to the Kafka store", ex);
		}
		catch (TimeoutException ex) {
			throw RegistryException.timeout("Write to the Kafka store timed out", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
				throw RegistryException.timeout("Write to the Kafka store timed out", ex.getCause());
			}
			throw RegistryException.store("Write to the Kafka store failed: " + ex.getCause(), ex.getCause());
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			throw RegistryException.store("Write to the Kafka store failed: " + ex, ex);
		}
	}

	private static void apply(String key, String value, SchemaStore store) {
		try {
			JsonNode keyNode = JSON.readTree(key);
			String keyType = keyNode.path("keytype").asText();
			JsonNode subjectNode = keyNode.get("subject");
			String subject = (subjectNode == null || subjectNode.isNull()) ? null : subjectNode.asText();
			JsonNode valueNode = (value != null) ? JSON.readTree(value) : null;
			if ("SCHEMA".equals(keyType) && valueNode != null && !valueNode.path("deleted").asBoolean(false)) {
				store.add(new SchemaVersion(valueNode.path("subject").asText(), valueNode.path("version").asInt(),
						valueNode.path("id").asInt(), valueNode.path("schema").asText()));
			}
			else if ("CONFIG".equals(keyType)) {
				CompatibilityLevel level = (valueNode != null)
						? CompatibilityLevel.parse(valueNode.path("compatibilityLevel").asText()).orElse(null) : null;
				if (subject != null) {
					store.subjectLevel(subject, level);
				}
				else {
					store.globalLevel((level != null) ? level : CompatibilityLevel.BACKWARD);
				}
			}
		}
		catch (Exception ex) {
			log.warn("Skipping unreadable record in the schemas topic (key {}): {}", key, ex.getMessage());
		}
	}

	private void ensureTopic() {
		try (Admin admin = Admin.create(withClientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.bootstrapServers, AdminClientConfig.CLIENT_ID_CONFIG, "embedded-schema-registry-admin",
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis())))) {
			int brokers = admin.describeCluster().nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
			NewTopic schemas = new NewTopic(this.topic, 1, (short) Math.max(1, Math.min(3, brokers)))
				.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
			admin.createTopics(List.of(schemas)).all().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw new IllegalStateException("Cannot create the schemas topic " + this.topic, ex.getCause());
			}
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Kafka at " + this.bootstrapServers + " did not answer within "
					+ this.timeout + " while creating " + this.topic, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating " + this.topic, ex);
		}
	}

}
