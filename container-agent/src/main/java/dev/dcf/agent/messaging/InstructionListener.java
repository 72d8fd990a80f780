package dev.dcf.agent.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.instruction.InstructionHandler;
import dev.dcf.schemes.avro.JobInstruction;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.job-instructions} in the agent's own group and hands each
 * instruction to the instruction feature. Thin on purpose: decoding failures never get
 * here (they go to the dead-letter topic), and the offset is committed only after
 * {@link InstructionHandler#handle} returned, i.e. after the answer was delivered.
 */
@Component
class InstructionListener {

	private static final Logger log = LoggerFactory.getLogger(InstructionListener.class);

	private final InstructionHandler handler;

	private final String topic;

	private final String groupId;

	InstructionListener(InstructionHandler handler, TopicProperties topics, AgentIdentity identity) {
		this.handler = handler;
		this.topic = topics.jobInstructions();
		this.groupId = identity.consumerGroup();
	}

	@KafkaListener(id = "dcf-agent-instructions", topics = "#{__listener.topic}", groupId = "#{__listener.groupId}",
			containerFactory = "kafkaListenerContainerFactory")
	void onInstruction(@Payload(required = false) JobInstruction instruction) {
		if (instruction == null) {
			log.debug("Skipping an empty instruction record");
			return;
		}
		this.handler.handle(InstructionMapper.toDomain(instruction));
	}

	public String getTopic() {
		return this.topic;
	}

	public String getGroupId() {
		return this.groupId;
	}

}
