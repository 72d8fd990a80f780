package dev.dcf.agent.messaging;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentKeys;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.instruction.InstructionHandler;
import dev.dcf.agent.logs.LogStreams;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.JobInstruction;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.job-instructions} in the agent's own group and hands each
 * instruction to the instruction feature. Thin on purpose: decoding failures never get
 * here (they go to the dead-letter topic), and the offset is committed only after
 * {@link InstructionHandler#handle} returned, i.e. after the answer was delivered.
 *
 * <p>
 * An {@link Error} thrown here stops the listener container for good (spring-kafka closes
 * the consumer and rethrows it on the consumer thread). The agent then stays up but takes
 * no instructions: the error is kept in {@link ListenerFailure} for
 * {@link InstructionListenerCheck}, which makes the heartbeats UNHEALTHY and says why.
 */
@Component
class InstructionListener {

	/** Id of the listener container in the {@code KafkaListenerEndpointRegistry}. */
	static final String ID = "dcf-agent-instructions";

	private static final Logger log = LoggerFactory.getLogger(InstructionListener.class);

	private final InstructionHandler handler;

	private final LogStreams logs;

	private final String agentId;

	private final String topic;

	private final String groupId;

	private final AtomicBoolean errorOnNext;

	private final ListenerFailure failure;

	private final AgentKeys keys;

	InstructionListener(InstructionHandler handler, LogStreams logs, TopicProperties topics, AgentIdentity identity,
			AgentProperties agent, ListenerFailure failure, AgentKeys keys) {
		this.keys = keys;
		this.failure = failure;
		this.handler = handler;
		this.logs = logs;
		this.agentId = identity.id();
		this.topic = topics.jobInstructions();
		this.groupId = identity.consumerGroup();
		this.errorOnNext = new AtomicBoolean(agent.testing().errorOnInstruction());
		if (this.errorOnNext.get()) {
			log.warn("dcf.agent.testing.error-on-instruction is set: the next instruction stops the listener");
		}
	}

	@KafkaListener(id = ID, topics = "#{__listener.topic}", groupId = "#{__listener.groupId}",
			containerFactory = "kafkaListenerContainerFactory")
	void onInstruction(@Payload(required = false) JobInstruction instruction) {
		try {
			if (this.errorOnNext.compareAndSet(true, false)) {
				throw new AssertionError("dcf.agent.testing.error-on-instruction");
			}
			if (instruction == null) {
				log.debug("Skipping an empty instruction record");
				return;
			}
			// only the addressed agent can (and may) open the sealed secret values
			boolean ours = this.agentId.equals(String.valueOf(instruction.getAgentId()));
			if (InstructionMapper.isLogRequest(instruction)) {
				// only books the follow: never waits for Docker on this thread
				if (ours) {
					this.logs.request(InstructionMapper.toLogRequest(instruction));
				}
				return;
			}
			this.handler.handle(InstructionMapper.toDomain(instruction, ours ? this.keys.privateKey() : null));
		}
		catch (Error ex) {
			this.failure.error = ex;
			throw ex;
		}
	}

	public String getTopic() {
		return this.topic;
	}

	public String getGroupId() {
		return this.groupId;
	}

}
