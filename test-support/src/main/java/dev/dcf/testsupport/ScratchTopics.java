package dev.dcf.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Throw-away topics on the shared broker without logins
 * ({@link SharedInfrastructure#get()}) for the generators' tests: a generator writes one,
 * the test reads it back.
 */
public final class ScratchTopics {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private ScratchTopics() {
	}

	/** {@code localhost:PORT} of the shared broker without logins. */
	public static String bootstrapServers() {
		return SharedInfrastructure.get().bootstrapServers();
	}

	/**
	 * A new topic of three partitions.
	 * @param prefix the start of its name; a random suffix makes it unique
	 * @return its name
	 */
	public static String create(String prefix) throws Exception {
		return create(prefix, 3);
	}

	/**
	 * A new topic.
	 * @param prefix the start of its name; a random suffix makes it unique
	 * @param partitions how many partitions
	 * @return its name
	 */
	public static String create(String prefix, int partitions) throws Exception {
		String topic = prefix + "-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		return topic;
	}

	/**
	 * Reads the topic from the start until {@code expected} records arrived (at most a
	 * minute), then a second longer to catch any extra (duplicate) records.
	 */
	public static List<ConsumerRecord<byte[], byte[]>> consume(String topic, long expected) {
		return consume(topic, expected, new ByteArrayDeserializer());
	}

	/** {@link #consume(String, long)} with keys and values as UTF-8 strings. */
	public static List<ConsumerRecord<String, String>> consumeStrings(String topic, long expected) {
		return consume(topic, expected, new StringDeserializer());
	}

	private static <T> List<ConsumerRecord<T, T>> consume(String topic, long expected, Deserializer<T> deserializer) {
		Properties props = new Properties();
		props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		props.put(ConsumerConfig.GROUP_ID_CONFIG, "scratch-" + UUID.randomUUID());
		props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		List<ConsumerRecord<T, T>> records = new ArrayList<>();
		try (KafkaConsumer<T, T> consumer = new KafkaConsumer<>(props, deserializer, deserializer)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
		}
		return records;
	}

}
