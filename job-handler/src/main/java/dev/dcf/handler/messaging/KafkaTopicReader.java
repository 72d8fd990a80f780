package dev.dcf.handler.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.peek.PeekedHeader;
import dev.dcf.handler.peek.PeekedRecord;
import dev.dcf.handler.peek.TopicReader;

/**
 * {@link TopicReader} by a short-lived consumer per peek: no {@code group.id}, so it
 * joins no group, commits nothing and leaves no trace on the brokers; partitions are
 * {@code assign}ed and each is read from {@code max(beginning, end - limit)} (or from the
 * beginning) up to the end offset seen at the start. Everything is bounded by
 * {@code dcf.handler.peek.timeout}; at most {@link #MAX_CONCURRENT} peeks run at once.
 */
class KafkaTopicReader implements TopicReader {

	static final int MAX_CONCURRENT = 4;

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Comparator<PeekedRecord> OLDEST_FIRST = Comparator.comparing(PeekedRecord::timestamp)
		.thenComparingInt(PeekedRecord::partition)
		.thenComparingLong(PeekedRecord::offset);

	private final Map<String, Object> consumerProperties;

	private final RecordDecoder decoder;

	private final Duration timeout;

	private final Semaphore running = new Semaphore(MAX_CONCURRENT);

	private final AtomicInteger clients = new AtomicInteger();

	KafkaTopicReader(Map<String, Object> consumerProperties, RecordDecoder decoder, Duration timeout) {
		this.consumerProperties = peekProperties(consumerProperties, timeout);
		this.decoder = decoder;
		this.timeout = timeout;
	}

	/** The consumer settings of a peek: Spring's, without group, without commits. */
	static Map<String, Object> peekProperties(Map<String, Object> base, Duration timeout) {
		Map<String, Object> properties = new HashMap<>(base);
		properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
		properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a peek at a topic that does not exist must not create it
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		int timeoutMs = (int) timeout.toMillis();
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
		properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
		return properties;
	}

	@Override
	public List<PeekedRecord> latest(String topic, int limit) {
		List<PeekedRecord> records = read(topic, limit, true);
		return records.stream().sorted(OLDEST_FIRST.reversed()).limit(limit).toList();
	}

	@Override
	public List<PeekedRecord> earliest(String topic, int limit) {
		List<PeekedRecord> records = read(topic, limit, false);
		return records.stream().sorted(OLDEST_FIRST).limit(limit).toList();
	}

	private List<PeekedRecord> read(String topic, int limit, boolean latest) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			if (!this.running.tryAcquire(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new PeekUnavailableException("Too many peeks at once; try again in a moment");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PeekUnavailableException("Interrupted while waiting to peek", ex);
		}
		Map<String, Object> properties = new HashMap<>(this.consumerProperties);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "dcf-peek-" + this.clients.incrementAndGet());
		try {
			Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
					new ByteArrayDeserializer());
			try {
				return read(consumer, topic, limit, latest, deadline);
			}
			finally {
				// no group: nothing to leave or commit
				consumer.close(CloseOptions.timeout(Duration.ZERO));
			}
		}
		catch (TimeoutException ex) {
			throw new PeekUnavailableException(
					"The Kafka cluster did not answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (KafkaException ex) {
			throw new PeekUnavailableException("The records of topic " + topic + " cannot be read: " + ex.getMessage(),
					ex);
		}
		finally {
			this.running.release();
		}
	}

	private List<PeekedRecord> read(Consumer<byte[], byte[]> consumer, String topic, int limit, boolean latest,
			long deadline) {
		List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
		if (infos == null || infos.isEmpty()) {
			return List.of();
		}
		List<TopicPartition> partitions = infos.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, remaining(deadline));
		Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
		Map<TopicPartition, Long> from = new HashMap<>();
		Map<TopicPartition, Long> until = new HashMap<>();
		for (TopicPartition partition : partitions) {
			long beginning = beginnings.getOrDefault(partition, 0L);
			long end = ends.getOrDefault(partition, 0L);
			long start = latest ? Math.max(beginning, end - limit) : beginning;
			long stop = latest ? end : Math.min(end, beginning + limit);
			if (start < stop) {
				from.put(partition, start);
				until.put(partition, stop);
			}
		}
		if (from.isEmpty()) {
			return List.of();
		}
		consumer.assign(from.keySet());
		from.forEach(consumer::seek);
		List<PeekedRecord> records = new ArrayList<>();
		while (!until.isEmpty() && System.nanoTime() < deadline) {
			Duration wait = remaining(deadline);
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll((wait.compareTo(POLL) < 0) ? wait : POLL)) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				Long stop = until.get(partition);
				if (stop != null && record.offset() < stop) {
					records.add(toPeeked(record));
				}
			}
			for (TopicPartition partition : List.copyOf(until.keySet())) {
				// gaps (compaction, transaction markers) make the position jump past the
				// last offset
				if (consumer.position(partition, remaining(deadline)) >= until.get(partition)) {
					until.remove(partition);
					consumer.pause(List.of(partition));
				}
			}
		}
		return records;
	}

	private PeekedRecord toPeeked(ConsumerRecord<byte[], byte[]> record) {
		List<PeekedHeader> headers = new ArrayList<>();
		for (Header header : record.headers()) {
			headers.add(new PeekedHeader(header.key(), this.decoder.decodeHeader(header.value())));
		}
		return new PeekedRecord(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
				this.decoder.decode(record.key()), headers, this.decoder.decode(record.value()));
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
	}

}
