package dev.dcf.agent.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Drops, as they are polled, the instruction records keyed by another agent's id (the key
 * of {@code dcf.job-instructions} is the target agent's id, docs/wire-contract.md), so
 * they never reach the listener container. Every agent reads the whole topic in a group
 * of its own; before this, each of another agent's records was handed to the listener and
 * its offset committed on its own (one synchronous commit per record and agent: with 100
 * agents, 100 commits per instruction), which made the agents' instruction consumers the
 * largest consumer of CPU in a fleet of 100 (docs/benchmarks.md). A dropped record is not
 * committed by itself: the next own instruction's commit covers it, and after a restart
 * the records since then are read and dropped again. A record without a key, or keyed by
 * this agent, passes (and the listener still checks the instruction's own agent id).
 *
 * <p>
 * Kafka creates it from {@code interceptor.classes}; the agent's id comes in the consumer
 * property {@value #AGENT_ID_CONFIG}.
 */
public class OwnInstructions<V> implements ConsumerInterceptor<String, V> {

	/**
	 * Consumer property naming this agent's id: set by the agent itself, not a setting
	 * (the agent's id comes from its id file, docs/configuration.md).
	 */
	public static final String AGENT_ID_CONFIG = "own-instructions.agent-id";

	private String agentId;

	@Override
	public void configure(Map<String, ?> configs) {
		Object id = configs.get(AGENT_ID_CONFIG);
		if (id == null) {
			throw new IllegalStateException(AGENT_ID_CONFIG + " must name the agent");
		}
		this.agentId = id.toString();
	}

	@Override
	public ConsumerRecords<String, V> onConsume(ConsumerRecords<String, V> records) {
		if (records.isEmpty() || allOwn(records)) {
			return records;
		}
		Map<TopicPartition, List<ConsumerRecord<String, V>>> kept = new LinkedHashMap<>();
		for (TopicPartition partition : records.partitions()) {
			List<ConsumerRecord<String, V>> own = new ArrayList<>();
			for (ConsumerRecord<String, V> record : records.records(partition)) {
				if (isOwn(record)) {
					own.add(record);
				}
			}
			if (!own.isEmpty()) {
				kept.put(partition, own);
			}
		}
		// the positions after the poll stay those of all records read
		Map<TopicPartition, OffsetAndMetadata> next = records.nextOffsets();
		return new ConsumerRecords<>(kept, next);
	}

	private boolean allOwn(ConsumerRecords<String, V> records) {
		for (ConsumerRecord<String, V> record : records) {
			if (!isOwn(record)) {
				return false;
			}
		}
		return true;
	}

	private boolean isOwn(ConsumerRecord<String, V> record) {
		return record.key() == null || record.key().equals(this.agentId);
	}

	@Override
	public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
	}

	@Override
	public void close() {
	}

}
