package dev.dcf.handler.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.TopicSample;
import dev.dcf.handler.throughput.TopicSampler;

import org.springframework.stereotype.Component;

/**
 * {@link TopicSampler} by the admin client, in at most four requests however many topics:
 * the partitions of topics not seen for a while (describe, cached for
 * {@link #PARTITIONS_MAX_AGE}), the latest offsets of all their partitions (one
 * list-offsets, which the client splits by leader), the brokers (cached too) and their
 * log directories (sizes). All within {@code dcf.handler.throughput.timeout}; what is not
 * answered by then is left out of this round.
 */
@Component
class KafkaTopicSampler implements TopicSampler {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopicSampler.class);

	static final Duration PARTITIONS_MAX_AGE = Duration.ofSeconds(30);

	private final SharedAdmin admin;

	private final Duration timeout;

	private final Clock clock;

	private final Map<String, Partitions> partitions = new ConcurrentHashMap<>();

	private volatile Brokers brokers;

	KafkaTopicSampler(SharedAdmin admin, ThroughputProperties properties, Clock clock) {
		this.admin = admin;
		this.timeout = properties.timeout();
		this.clock = clock;
	}

	@Override
	public Map<String, TopicSample> sample(Collection<String> topics) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			Map<String, List<TopicPartition>> known = partitionsOf(topics, deadline);
			Map<String, Long> records = endOffsets(known, deadline);
			Map<String, Long> bytes = logSizes(known, deadline);
			Map<String, TopicSample> samples = new HashMap<>();
			records.forEach((topic, sum) -> samples.put(topic,
					new TopicSample(sum, known.get(topic).isEmpty() ? Long.valueOf(0) : bytes.get(topic))));
			return samples;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Map.of();
		}
	}

	/** The partitions of each topic; empty for a topic that does not exist (yet). */
	private Map<String, List<TopicPartition>> partitionsOf(Collection<String> topics, long deadline)
			throws InterruptedException {
		Instant now = this.clock.instant();
		Map<String, List<TopicPartition>> known = new HashMap<>();
		List<String> stale = new ArrayList<>();
		for (String topic : topics) {
			Partitions cached = this.partitions.get(topic);
			if (cached != null && now.isBefore(cached.at().plus(PARTITIONS_MAX_AGE))) {
				known.put(topic, cached.partitions());
			}
			else {
				stale.add(topic);
			}
		}
		if (stale.isEmpty()) {
			return known;
		}
		Map<String, KafkaFuture<TopicDescription>> described = admin()
			.describeTopics(stale, new DescribeTopicsOptions().timeoutMs(remainingMillis(deadline)))
			.topicNameValues();
		for (String topic : stale) {
			try {
				TopicDescription description = described.get(topic)
					.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
				List<TopicPartition> list = description.partitions()
					.stream()
					.map((partition) -> new TopicPartition(topic, partition.partition()))
					.toList();
				this.partitions.put(topic, new Partitions(list, now));
				known.put(topic, list);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					known.put(topic, List.of());
				}
				else {
					log.debug("Partitions of topic {} unreadable: {}", topic, ex.getCause().toString());
				}
			}
			catch (TimeoutException ex) {
				log.debug("Partitions of topic {} not read in time", topic);
			}
		}
		return known;
	}

	private Map<String, Long> endOffsets(Map<String, List<TopicPartition>> known, long deadline)
			throws InterruptedException {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		known.values().forEach((list) -> list.forEach((partition) -> request.put(partition, OffsetSpec.latest())));
		ListOffsetsResult result = request.isEmpty() ? null
				: admin().listOffsets(request, new ListOffsetsOptions().timeoutMs(remainingMillis(deadline)));
		Map<String, Long> sums = new HashMap<>();
		for (Map.Entry<String, List<TopicPartition>> topic : known.entrySet()) {
			long sum = 0;
			boolean complete = true;
			for (TopicPartition partition : topic.getValue()) {
				try {
					sum += result.partitionResult(partition)
						.get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
						.offset();
				}
				catch (ExecutionException | TimeoutException ex) {
					complete = false;
					// partitions may have changed (topic deleted or recreated): describe
					// again
					this.partitions.remove(topic.getKey());
					break;
				}
			}
			if (complete) {
				sums.put(topic.getKey(), sum);
			}
		}
		return sums;
	}

	/**
	 * Log sizes by topic (largest replica per partition); empty if the brokers did not
	 * tell.
	 */
	private Map<String, Long> logSizes(Map<String, List<TopicPartition>> known, long deadline)
			throws InterruptedException {
		Map<TopicPartition, Long> largest = new HashMap<>();
		try {
			Map<Integer, Map<String, LogDirDescription>> dirs = admin()
				.describeLogDirs(brokerIds(deadline), new DescribeLogDirsOptions().timeoutMs(remainingMillis(deadline)))
				.allDescriptions()
				.get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
			dirs.values()
				.forEach((byPath) -> byPath.values()
					.forEach((dir) -> dir.replicaInfos()
						.forEach((partition, replica) -> largest.merge(partition, replica.size(), Math::max))));
		}
		catch (ExecutionException | TimeoutException ex) {
			log.debug("Log sizes unreadable: {}", ex.toString());
			return Map.of();
		}
		Map<String, Long> sizes = new HashMap<>();
		known.forEach((topic, list) -> {
			long sum = 0;
			for (TopicPartition partition : list) {
				Long size = largest.get(partition);
				if (size == null) {
					return;
				}
				sum += size;
			}
			sizes.put(topic, sum);
		});
		return sizes;
	}

	private List<Integer> brokerIds(long deadline) throws InterruptedException, ExecutionException, TimeoutException {
		Instant now = this.clock.instant();
		Brokers cached = this.brokers;
		if (cached != null && now.isBefore(cached.at().plus(PARTITIONS_MAX_AGE))) {
			return cached.ids();
		}
		List<Integer> ids = admin().describeCluster()
			.nodes()
			.get(remainingMillis(deadline), TimeUnit.MILLISECONDS)
			.stream()
			.map(Node::id)
			.toList();
		this.brokers = new Brokers(ids, now);
		return ids;
	}

	private Admin admin() {
		return this.admin.get();
	}

	private static int remainingMillis(long deadline) {
		return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
	}

	private record Partitions(List<TopicPartition> partitions, Instant at) {
	}

	private record Brokers(List<Integer> ids, Instant at) {
	}

}
