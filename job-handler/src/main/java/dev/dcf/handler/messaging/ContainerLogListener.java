package dev.dcf.handler.messaging;

import java.util.UUID;

import dev.dcf.handler.logs.LiveLogLines;
import dev.dcf.handler.logs.LiveLogs;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.ContainerLogLines;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;

/**
 * Consumes {@code dcf.container-logs} in a group of this handler's own (every handler
 * serves its own viewers, so each reads every batch), from the end and without
 * committing: live lines are for whoever watches now.
 */
class ContainerLogListener {

	static final String ID = "dcf-handler-container-logs";

	private final LiveLogs logs;

	private final String topic;

	private final String groupId;

	ContainerLogListener(LiveLogs logs, TopicProperties topics, String group, String instanceId) {
		this.logs = logs;
		this.topic = topics.containerLogs();
		// one group per handler process: two handlers (or two test contexts) never share
		// one and split the batches between them
		this.groupId = group + "-logs-" + instanceId + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@KafkaListener(id = ID, topics = "#{__listener.topic}", groupId = "#{__listener.groupId}",
			containerFactory = "containerLogListenerFactory")
	void onLines(@Payload(required = false) ContainerLogLines batch) {
		if (batch == null) {
			return;
		}
		this.logs.accept(new LiveLogLines(batch.getAgentId(), batch.getJobId(), batch.getRunNumber(), batch.getIndex(),
				batch.getLines(), batch.getDropped(), batch.getEnded(), batch.getEndReason()));
	}

	public String getTopic() {
		return this.topic;
	}

	public String getGroupId() {
		return this.groupId;
	}

}
