package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import dev.dcf.handler.liveness.HeartbeatSight;
import dev.dcf.handler.liveness.LivenessProperties;
import dev.dcf.messaging.TopicProperties;

/**
 * {@link HeartbeatSight} from Kafka: the heartbeat listener runs and holds partitions,
 * and on every partition of the heartbeat topic the handlers' group has committed
 * (offsets are committed after each record is applied) to within
 * {@code dcf.handler.heartbeat-max-lag} records of the end. The admin calls that tell it
 * are bounded by {@link #TIMEOUT}; one that fails or times out means Kafka does not
 * answer, so the handler is blind.
 */
@Component
class KafkaHeartbeatSight implements HeartbeatSight {

	static final Duration TIMEOUT = Duration.ofSeconds(2);

	static final Duration PARTITIONS_MAX_AGE = Duration.ofMinutes(1);

	private final SharedAdmin admin;

	private final KafkaListenerEndpointRegistry listeners;

	private final String topic;

	private final long maxLag;

	/** Read by the liveness loop's one thread only. */
	private List<TopicPartition> partitions;

	private long partitionsReadAt;

	private final ReadProgress progress;

	KafkaHeartbeatSight(SharedAdmin admin, KafkaListenerEndpointRegistry listeners, TopicProperties topics,
			LivenessProperties properties) {
		this.admin = admin;
		this.listeners = listeners;
		this.topic = topics.agentStatus();
		this.maxLag = properties.heartbeatMaxLag();
		// well within the agent timeout: a handler that takes over from a dead one gives
		// every agent that long, and must turn blind before it ends
		this.progress = new ReadProgress(properties.agentTimeout().dividedBy(2));
	}

	@Override
	public Optional<String> blindness() {
		MessageListenerContainer container = this.listeners.getListenerContainer(AgentStatusListener.ID);
		if (container == null || !container.isRunning()) {
			return Optional.of("the heartbeat listener is not running");
		}
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		if (assigned == null || assigned.isEmpty()) {
			return Optional.of("the heartbeat listener holds no partitions of " + this.topic + " (joining its group)");
		}
		try {
			return lagging(container.getGroupId());
		}
		catch (ExecutionException ex) {
			return Optional.of("Kafka does not answer: " + ex.getCause().getMessage());
		}
		catch (TimeoutException ex) {
			return Optional.of("Kafka does not answer within " + TIMEOUT.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.of("interrupted");
		}
	}

	/**
	 * All partitions of the topic, not only this handler's: with several handlers, each
	 * one's heartbeats reach the database through the others.
	 */
	private Optional<String> lagging(String group) throws ExecutionException, TimeoutException, InterruptedException {
		Admin client = this.admin.get();
		int timeoutMs = (int) TIMEOUT.toMillis();
		List<TopicPartition> partitions = partitions(client, timeoutMs);
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> ends = client
			.listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs))
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, OffsetAndMetadata> committed = client
			.listConsumerGroupOffsets(group, new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs))
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		List<String> behind = new ArrayList<>();
		Map<TopicPartition, Long> endOffsets = new HashMap<>();
		Map<TopicPartition, Long> doneOffsets = new HashMap<>();
		for (TopicPartition partition : partitions) {
			long end = ends.get(partition).offset();
			OffsetAndMetadata done = committed.get(partition);
			long lag = end - ((done != null) ? done.offset() : 0);
			endOffsets.put(partition, end);
			if (done != null) {
				doneOffsets.put(partition, done.offset());
			}
			if (lag > this.maxLag) {
				behind.add(partition.partition() + " (" + lag + " behind)");
			}
		}
		if (!behind.isEmpty()) {
			return Optional.of("catching up on " + this.topic + ", partitions " + String.join(", ", behind));
		}
		List<String> stalled = this.progress.stalled(endOffsets, doneOffsets, System.nanoTime());
		if (!stalled.isEmpty()) {
			return Optional.of("nobody reads partitions " + String.join(", ", stalled) + " of " + this.topic
					+ " (a handler of the group may have died: its partitions move to the others after "
					+ "the consumers' session timeout)");
		}
		return Optional.empty();
	}

	/**
	 * The topic's partitions, described once a minute rather than every round: they only
	 * ever grow, and an added one shows within that minute.
	 */
	private List<TopicPartition> partitions(Admin client, int timeoutMs)
			throws ExecutionException, TimeoutException, InterruptedException {
		long now = System.nanoTime();
		if (this.partitions != null && now - this.partitionsReadAt < PARTITIONS_MAX_AGE.toNanos()) {
			return this.partitions;
		}
		this.partitions = client.describeTopics(List.of(this.topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(this.topic)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(this.topic, info.partition()))
			.toList();
		this.partitionsReadAt = now;
		return this.partitions;
	}

}
