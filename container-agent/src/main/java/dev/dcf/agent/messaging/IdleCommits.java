package dev.dcf.agent.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ListenerContainerIdleEvent;

/**
 * Commits the instruction consumer's positions on all its partitions once it has been
 * idle for {@link #INTERVAL}. {@link OwnInstructions} drops other agents' instructions
 * without committing them one by one, and this agent's own instructions (committed after
 * each) all come on one partition: without this, the group's offsets on the other
 * partitions would never move, and every restart would read (and drop) their whole
 * history again. Idle means every record polled was handled (a poll's records are carried
 * out before the next poll and committed after them), so the positions are safe to
 * commit. Runs on the consumer's thread (spring-kafka publishes the event there).
 */
class IdleCommits {

	private static final Logger log = LoggerFactory.getLogger(IdleCommits.class);

	/** How long without an own instruction before the positions are committed. */
	static final Duration INTERVAL = Duration.ofSeconds(5);

	@EventListener
	void on(ListenerContainerIdleEvent idle) {
		Consumer<?, ?> consumer = idle.getConsumer();
		if (consumer == null) {
			return;
		}
		try {
			Map<TopicPartition, OffsetAndMetadata> positions = new LinkedHashMap<>();
			for (TopicPartition partition : consumer.assignment()) {
				positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
			}
			if (!positions.isEmpty()) {
				consumer.commitSync(positions);
			}
		}
		catch (RuntimeException ex) {
			// a rebalance or a broker away: the next idle interval tries again
			log.debug("Positions of the instruction consumer not committed: {}", ex.toString());
		}
	}

}
