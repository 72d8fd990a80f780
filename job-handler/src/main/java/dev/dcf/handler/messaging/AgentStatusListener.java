package dev.dcf.handler.messaging;

import dev.dcf.handler.status.HeartbeatService;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.AgentStatus;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.agent-status}: each heartbeat, mapped to the domain, goes to the
 * status feature. Thin on purpose, like {@link JobStatusListener}.
 */
@Component
class AgentStatusListener {

	/** The listener's id in the endpoint registry. */
	static final String ID = "dcf-handler-agent-status";

	private final HeartbeatService service;

	private final String topic;

	AgentStatusListener(HeartbeatService service, TopicProperties topics) {
		this.service = service;
		this.topic = topics.agentStatus();
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = "#{__listener.topic}",
			containerFactory = "agentStatusListenerFactory")
	void onHeartbeat(@Payload(required = false) AgentStatus heartbeat) {
		if (heartbeat != null) {
			this.service.handle(StatusMapper.toDomain(heartbeat));
		}
	}

	public String getTopic() {
		return this.topic;
	}

}
