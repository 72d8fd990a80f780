package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.TopicOffsets;

import org.springframework.stereotype.Component;

/**
 * {@link TopicOffsets} by the admin client: the topic's partitions, then their latest
 * offsets, each step bounded by {@link #TIMEOUT}.
 */
@Component
class KafkaTopicOffsets implements TopicOffsets {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopicOffsets.class);

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final SharedAdmin admin;

	KafkaTopicOffsets(SharedAdmin admin) {
		this.admin = admin;
	}

	@Override
	public OptionalLong endOffsetSum(String topic) {
		int timeoutMs = (int) TIMEOUT.toMillis();
		try {
			TopicDescription description = this.admin.get()
				.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
				.allTopicNames()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(topic);
			Map<TopicPartition, OffsetSpec> latest = description.partitions()
				.stream()
				.collect(Collectors.toMap((partition) -> new TopicPartition(topic, partition.partition()),
						(partition) -> OffsetSpec.latest()));
			long sum = this.admin.get()
				.listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs))
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
			return OptionalLong.of(sum);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return OptionalLong.of(0);
			}
			log.debug("End offsets of topic {} unreadable: {}", topic, ex.getCause().toString());
			return OptionalLong.empty();
		}
		catch (TimeoutException ex) {
			log.debug("End offsets of topic {} not read within {}", topic, TIMEOUT);
			return OptionalLong.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return OptionalLong.empty();
		}
	}

}
