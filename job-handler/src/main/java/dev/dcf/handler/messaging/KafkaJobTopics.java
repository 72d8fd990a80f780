package dev.dcf.handler.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DeleteRecordsOptions;
import org.apache.kafka.clients.admin.DeleteTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TopicPreparation;
import dev.dcf.handler.job.TopicSpec;

import org.springframework.stereotype.Component;

/**
 * {@link JobTopics} by the shared admin client. Each call has one deadline
 * ({@code dcf.handler.topic-admin-timeout}) for all its steps, from the injected clock.
 * What the broker answers is sorted by whether retrying can cure it: a Kafka error that
 * is not retriable (not authorized, invalid config, a replication factor larger than the
 * brokers, a policy violation, deletion disabled) is the broker's verdict; a timeout, a
 * retriable error or a client failure means the broker is not (yet) there.
 */
@Component
class KafkaJobTopics implements JobTopics {

	private static final Logger log = LoggerFactory.getLogger(KafkaJobTopics.class);

	private static final long HOUR_MS = Duration.ofHours(1).toMillis();

	private final SharedAdmin admin;

	private final Duration timeout;

	private final Clock clock;

	KafkaJobTopics(SharedAdmin admin, TopicAdminProperties properties, Clock clock) {
		this.admin = admin;
		this.timeout = properties.topicAdminTimeout();
		this.clock = clock;
	}

	@Override
	public TopicPreparation prepare(TopicSpec spec) {
		Instant deadline = this.clock.instant().plus(this.timeout);
		try {
			boolean created = false;
			Optional<TopicDescription> description = describe(spec.topic(), deadline);
			if (description.isEmpty()) {
				created = create(spec, deadline);
				description = describe(spec.topic(), deadline);
				if (created && description.isEmpty()) {
					// created as asked but not visible to a describe yet (metadata on its
					// way):
					// a new topic has the spec's partitions and nothing to truncate; the
					// next round would otherwise see an existing topic and never say it
					// was
					// created
					return new TopicPreparation.Ready(true, spec.partitions(), spec.truncate() ? 0L : null);
				}
			}
			if (description.isEmpty()) {
				return new TopicPreparation.Unanswered(
						"topic " + spec.topic() + " is not visible yet after creating it");
			}
			int partitions = description.get().partitions().size();
			Long truncated = spec.truncate() ? truncate(spec.topic(), description.get(), deadline) : null;
			return new TopicPreparation.Ready(created, partitions, truncated);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (isVerdict(cause)) {
				log.warn("The broker refused topic {}: {}", spec.topic(), cause.toString());
				return new TopicPreparation.Refused(reason(cause));
			}
			log.debug("Topic {} not prepared: {}", spec.topic(), cause.toString());
			return new TopicPreparation.Unanswered("the broker answered " + reason(cause));
		}
		catch (TimeoutException ex) {
			return new TopicPreparation.Unanswered(
					"the broker did not answer within " + this.timeout.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new TopicPreparation.Unanswered("interrupted");
		}
	}

	@Override
	public String delete(String topic) {
		Instant deadline = this.clock.instant().plus(this.timeout);
		try {
			get(this.admin.get()
				.deleteTopics(List.of(topic), new DeleteTopicsOptions().timeoutMs(millis(deadline)))
				.all(), deadline);
			return null;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof UnknownTopicOrPartitionException) {
				return null;
			}
			log.warn("Topic {} not deleted: {}", topic, cause.toString());
			return "the broker answered " + reason(cause);
		}
		catch (TimeoutException ex) {
			return "the broker did not answer within " + this.timeout.toMillis() + " ms";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Whether an error is the broker's final word on the request (not retriable).
	 * @param cause the failure of an admin call
	 * @return {@code true} if retrying cannot cure it
	 */
	static boolean isVerdict(Throwable cause) {
		return cause instanceof ApiException && !(cause instanceof RetriableException);
	}

	private static String reason(Throwable cause) {
		String message = cause.getMessage();
		String type = cause.getClass().getSimpleName();
		return (message != null && !message.isBlank()) ? message + " (" + type + ")" : type;
	}

	private Optional<TopicDescription> describe(String topic, Instant deadline)
			throws ExecutionException, TimeoutException, InterruptedException {
		try {
			return Optional.of(get(this.admin.get()
				.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(millis(deadline)))
				.allTopicNames(), deadline).get(topic));
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/**
	 * @return {@code true} if this call created it, {@code false} if someone else did
	 * meanwhile (the broker's auto-creation, another handler)
	 */
	private boolean create(TopicSpec spec, Instant deadline)
			throws ExecutionException, TimeoutException, InterruptedException {
		NewTopic topic = new NewTopic(spec.topic(), Optional.of(spec.partitions()),
				Optional.ofNullable(spec.replicationFactor()).map(Integer::shortValue));
		if (spec.retentionHours() != null) {
			topic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retentionHours() * HOUR_MS)));
		}
		try {
			get(this.admin.get()
				.createTopics(List.of(topic), new CreateTopicsOptions().timeoutMs(millis(deadline)))
				.all(), deadline);
			log.info("Topic {} created with {} partitions", spec.topic(), spec.partitions());
			return true;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Deletes every record: each partition's log start moves to its end offset.
	 * @return how many records were deleted
	 */
	private long truncate(String topic, TopicDescription description, Instant deadline)
			throws ExecutionException, TimeoutException, InterruptedException {
		List<TopicPartition> partitions = description.partitions()
			.stream()
			.map((partition) -> new TopicPartition(topic, partition.partition()))
			.toList();
		Map<TopicPartition, ListOffsetsResultInfo> earliest = offsets(partitions, OffsetSpec.earliest(), deadline);
		Map<TopicPartition, ListOffsetsResultInfo> latest = offsets(partitions, OffsetSpec.latest(), deadline);
		Map<TopicPartition, RecordsToDelete> toDelete = latest.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(entry) -> RecordsToDelete.beforeOffset(entry.getValue().offset())));
		get(this.admin.get().deleteRecords(toDelete, new DeleteRecordsOptions().timeoutMs(millis(deadline))).all(),
				deadline);
		long deleted = 0;
		for (TopicPartition partition : partitions) {
			deleted += latest.get(partition).offset() - earliest.get(partition).offset();
		}
		log.info("Topic {} truncated: {} records deleted", topic, deleted);
		return deleted;
	}

	private Map<TopicPartition, ListOffsetsResultInfo> offsets(List<TopicPartition> partitions, OffsetSpec spec,
			Instant deadline) throws ExecutionException, TimeoutException, InterruptedException {
		Map<TopicPartition, OffsetSpec> request = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), (partition) -> spec));
		return get(this.admin.get().listOffsets(request, new ListOffsetsOptions().timeoutMs(millis(deadline))).all(),
				deadline);
	}

	private <T> T get(KafkaFuture<T> future, Instant deadline)
			throws ExecutionException, TimeoutException, InterruptedException {
		return future.get(millis(deadline), TimeUnit.MILLISECONDS);
	}

	/** What is left of the deadline, at least 1 ms. */
	private int millis(Instant deadline) {
		long left = Duration.between(this.clock.instant(), deadline).toMillis();
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
	}

}
