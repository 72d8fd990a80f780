package dev.dcf.generator;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends readings as JSON strings keyed by device id. Idempotent producer with
 * {@code acks=all}; delivery failures are counted, not thrown, so a broker restart does
 * not end the generator.
 */
final class KafkaSink implements RecordSink, AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final KafkaProducer<String, String> producer;

	private final String topic;

	private final AtomicLong acknowledged = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicReference<Exception> lastError = new AtomicReference<>();

	KafkaSink(GeneratorConfig config) {
		Properties props = new Properties();
		props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
		props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(config));
		props.put(ProducerConfig.ACKS_CONFIG, "all");
		props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		// a send must not block longer than docker stop's grace period
		// while metadata is missing
		props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
		props.putAll(config.clientSecurity());
		this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
		this.topic = config.topic();
	}

	@Override
	public void send(SensorReading reading) {
		ProducerRecord<String, String> record = new ProducerRecord<>(this.topic, reading.deviceId(), reading.toJson());
		try {
			this.producer.send(record, (metadata, exception) -> {
				if (exception == null) {
					this.acknowledged.incrementAndGet();
				}
				else {
					fail(exception);
				}
			});
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			// e.g. metadata not available within max.block.ms: count it and keep going
			fail(ex);
		}
	}

	private void fail(Exception exception) {
		this.failed.incrementAndGet();
		this.lastError.set(exception);
	}

	long acknowledged() {
		return this.acknowledged.get();
	}

	long failed() {
		return this.failed.get();
	}

	/**
	 * The last delivery error since the previous call, or {@code null}.
	 */
	Exception takeLastError() {
		return this.lastError.getAndSet(null);
	}

	/**
	 * Flushes what is buffered (bounded by a timeout) and closes the producer.
	 */
	@Override
	public void close() {
		this.producer.close(CLOSE_TIMEOUT);
	}

	private static String clientId(GeneratorConfig config) {
		return config.jobId().isEmpty() ? "dcf-sample-generator"
				: "dcf-sample-generator-" + config.jobId() + "-" + config.containerIndex();
	}

}
