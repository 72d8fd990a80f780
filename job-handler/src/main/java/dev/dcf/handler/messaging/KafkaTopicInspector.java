package dev.dcf.handler.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.job.TopicFacts;
import dev.dcf.handler.job.TopicInspector;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * {@link TopicInspector} by the shared admin client: partitions, end offsets and the size
 * in the brokers' log directories ({@code describeLogDirs}). Facts are cached for
 * {@link #FRESH}; an older entry is refreshed on one background thread (one refresh per
 * topic at a time, each admin step bounded by {@code dcf.handler.topic-admin-timeout}),
 * and a caller waits for it at most {@link #WAIT}, then gets what was known before. The
 * cache holds at most {@link #MAX_ENTRIES} topics.
 */
@Component
class KafkaTopicInspector implements TopicInspector, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(KafkaTopicInspector.class);

	static final Duration FRESH = Duration.ofSeconds(10);

	static final Duration WAIT = Duration.ofMillis(1500);

	static final int MAX_ENTRIES = 1000;

	private final SharedAdmin admin;

	private final Duration timeout;

	private final Clock clock;

	private final Map<String, TopicFacts> known = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<TopicFacts>> refreshing = new ConcurrentHashMap<>();

	private final ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "dcf-topic-inspector");
		thread.setDaemon(true);
		return thread;
	});

	KafkaTopicInspector(SharedAdmin admin, TopicAdminProperties properties, Clock clock) {
		this.admin = admin;
		this.timeout = properties.topicAdminTimeout();
		this.clock = clock;
	}

	@Override
	public Optional<TopicFacts> inspect(String topic) {
		TopicFacts cached = this.known.get(topic);
		if (cached != null && this.clock.instant().isBefore(cached.observedAt().plus(FRESH))) {
			return Optional.of(cached);
		}
		CompletableFuture<TopicFacts> refresh = this.refreshing.get(topic);
		if (refresh == null) {
			CompletableFuture<TopicFacts> started = new CompletableFuture<>();
			refresh = this.refreshing.putIfAbsent(topic, started);
			if (refresh == null) {
				refresh = started;
				this.executor.execute(() -> refresh(topic, started));
			}
		}
		try {
			TopicFacts facts = refresh.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (facts != null) {
				return Optional.of(facts);
			}
		}
		catch (TimeoutException | ExecutionException ex) {
			log.debug("Facts of topic {} not refreshed in time: {}", topic, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Optional.ofNullable(cached);
	}

	private void refresh(String topic, CompletableFuture<TopicFacts> result) {
		try {
			TopicFacts facts = fetch(topic);
			if (facts != null) {
				if (this.known.size() >= MAX_ENTRIES) {
					this.known.clear();
				}
				this.known.put(topic, facts);
			}
			result.complete(facts);
		}
		catch (RuntimeException ex) {
			result.completeExceptionally(ex);
		}
		finally {
			this.refreshing.remove(topic, result);
		}
	}

	/**
	 * @return the facts, {@code null} if the broker did not answer in time
	 */
	private TopicFacts fetch(String topic) {
		int timeoutMs = (int) this.timeout.toMillis();
		Admin client = this.admin.get();
		try {
			TopicDescription description;
			try {
				description = client.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
					.allTopicNames()
					.get(timeoutMs, TimeUnit.MILLISECONDS)
					.get(topic);
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
					return new TopicFacts(false, 0, 0, null, this.clock.instant());
				}
				throw ex;
			}
			List<TopicPartition> partitions = description.partitions()
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = partitions.stream()
				.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
			long endOffsetSum = client.listOffsets(latest, new ListOffsetsOptions().timeoutMs(timeoutMs))
				.all()
				.get(timeoutMs, TimeUnit.MILLISECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
			return new TopicFacts(true, partitions.size(), endOffsetSum, size(client, partitions, timeoutMs),
					this.clock.instant());
		}
		catch (ExecutionException | TimeoutException ex) {
			log.debug("Facts of topic {} unreadable: {}", topic, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * Bytes of the partitions in all brokers' log directories; {@code null} if the
	 * brokers do not say (not allowed to describe them).
	 */
	private static Long size(Admin client, List<TopicPartition> partitions, int timeoutMs) throws InterruptedException {
		try {
			List<Integer> brokers = client.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs))
				.nodes()
				.get(timeoutMs, TimeUnit.MILLISECONDS)
				.stream()
				.map(Node::id)
				.toList();
			Map<Integer, Map<String, LogDirDescription>> dirs = client
				.describeLogDirs(brokers, new DescribeLogDirsOptions().timeoutMs(timeoutMs))
				.allDescriptions()
				.get(timeoutMs, TimeUnit.MILLISECONDS);
			long bytes = 0;
			for (Map<String, LogDirDescription> broker : dirs.values()) {
				for (LogDirDescription dir : broker.values()) {
					for (TopicPartition partition : partitions) {
						if (dir.replicaInfos().containsKey(partition)) {
							bytes += dir.replicaInfos().get(partition).size();
						}
					}
				}
			}
			return bytes;
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
