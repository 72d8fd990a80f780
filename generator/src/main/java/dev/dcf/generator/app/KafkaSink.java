package dev.dcf.generator.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes encoded records with one producer tuned for throughput (see {@link #settings}).
 * Delivery failures are counted, not thrown, so a broker restart does not end the
 * generator.
 */
final class KafkaSink implements AutoCloseable {

	private final KafkaProducer<byte[], byte[]> producer;

	private final String topic;

	private final LongAdder acknowledged = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final AtomicReference<Exception> lastError = new AtomicReference<>();

	// one callback for every record: no allocation per send
	private final Callback callback = this::completed;

	/**
	 * @throws org.apache.kafka.common.config.ConfigException when an override is invalid
	 */
	KafkaSink(AppConfig config) {
		this.producer = new KafkaProducer<>(settings(config), new ByteArraySerializer(), new ByteArraySerializer());
		this.topic = config.topic();
	}

	/**
	 * The producer's settings: acks=1 (the leader's acknowledgement, like
	 * ProducerPerformance's usual runs), linger.ms=5 and batch.size=65536 (full batches
	 * at high rates, at most 5 ms of added latency at low ones), no compression, then the
	 * {@code KAFKA_PRODUCER_*} overrides, then the authentication settings.
	 */
	static Map<String, Object> settings(AppConfig config) {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
		props.put(ProducerConfig.CLIENT_ID_CONFIG, config.jobId().isEmpty() ? "dcf-generator"
				: "dcf-generator-" + config.jobId() + "-" + config.containerIndex());
		props.put(ProducerConfig.ACKS_CONFIG, "1");
		props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
		props.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
		props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
		// a send must not block longer than docker stop's grace period while metadata is
		// missing
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
		props.putAll(config.producerOverrides());
		// the run's credentials win over a KAFKA_PRODUCER_* override
		props.putAll(config.clientSecurity());
		return props;
	}

	/**
	 * Blocks until the producer knows the topic's partitions (connected, authenticated,
	 * metadata fetched) or {@code stopped} says so, retrying every {@code max.block.ms}.
	 * A load profile's time counts from here, so a slow start (a JVM on half a CPU, a
	 * broker still electing) does not eat its first step.
	 * @return whether the topic is ready (false when stopped first)
	 */
	boolean awaitTopic(BooleanSupplier stopped, Consumer<Exception> onRetry) {
		while (!stopped.getAsBoolean()) {
			try {
				this.producer.partitionsFor(this.topic);
				return true;
			}
			catch (KafkaException ex) {
				onRetry.accept(ex);
			}
		}
		return false;
	}

	void send(byte[] key, byte[] value, Map<String, String> headers) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(this.topic, null, key, value,
				headers.isEmpty() ? null : headers(headers));
		try {
			this.producer.send(record, this.callback);
		}
		catch (KafkaException ex) {
			// e.g. metadata not available within max.block.ms: count it and keep going
			fail(ex);
		}
	}

	private static RecordHeaders headers(Map<String, String> headers) {
		RecordHeaders result = new RecordHeaders();
		headers.forEach((name, value) -> result.add(name,
				(value != null) ? value.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null));
		return result;
	}

	private void completed(RecordMetadata metadata, Exception exception) {
		if (exception == null) {
			this.acknowledged.increment();
		}
		else {
			fail(exception);
		}
	}

	private void fail(Exception exception) {
		this.failed.increment();
		this.lastError.set(exception);
	}

	long acknowledged() {
		return this.acknowledged.sum();
	}

	long failed() {
		return this.failed.sum();
	}

	/** The last delivery error since the previous call, or {@code null}. */
	Exception takeLastError() {
		return this.lastError.getAndSet(null);
	}

	/** Flushes what is buffered (bounded by the timeout) and closes the producer. */
	void close(Duration timeout) {
		this.producer.close(timeout);
	}

	@Override
	public void close() {
		close(Duration.ofSeconds(5));
	}

}
