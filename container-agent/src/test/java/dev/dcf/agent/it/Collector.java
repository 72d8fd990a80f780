package dev.dcf.agent.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import dev.dcf.testsupport.SharedInfrastructure;

/**
 * Reads one topic from the beginning on a background thread, with a plain consumer in a
 * group of its own, and keeps every record.
 *
 * @param <T> value type
 */
public final class Collector<T> implements AutoCloseable {

	private final KafkaConsumer<String, T> consumer;

	private final List<ConsumerRecord<String, T>> records = new CopyOnWriteArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	public Collector(String topic, Deserializer<T> values) {
		this(topic, values, SharedInfrastructure.get().bootstrapServers());
	}

	/** On another broker than the shared one (tests that stop their broker). */
	public Collector(String topic, Deserializer<T> values, String bootstrapServers) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "it-collector-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
		this.consumer.subscribe(List.of(topic));
		this.thread = new Thread(this::poll, "it-collector-" + topic);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void poll() {
		try {
			while (this.running) {
				this.consumer.poll(Duration.ofMillis(100)).forEach(this.records::add);
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
		}
	}

	public List<T> values() {
		return this.records.stream().map(ConsumerRecord::value).toList();
	}

	public List<ConsumerRecord<String, T>> records() {
		return List.copyOf(this.records);
	}

	/** The first value matching, waiting for it up to {@code timeout}. */
	public T await(Predicate<T> matching, Duration timeout) {
		return Awaitility.await()
			.atMost(timeout)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> values().stream().filter(matching).findFirst(), Optional::isPresent)
			.get();
	}

	/** Every value matching so far. */
	public List<T> all(Predicate<T> matching) {
		return values().stream().filter(matching).toList();
	}

	@Override
	public void close() {
		this.running = false;
		this.consumer.wakeup();
		try {
			this.thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
