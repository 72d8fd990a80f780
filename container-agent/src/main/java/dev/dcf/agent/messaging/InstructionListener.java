package dev.dcf.agent.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentKeys;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.instruction.Instruction;
import dev.dcf.agent.instruction.InstructionFailedException;
import dev.dcf.agent.instruction.InstructionHandler;
import dev.dcf.agent.logs.LogStreams;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.JobInstruction;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.job-instructions} in the agent's own group and hands the
 * instructions of each poll to the instruction feature, which may run some side by side
 * ({@link InstructionHandler#handleAll}). Thin on purpose: a record that cannot be
 * decoded is handed to the error handler (the dead-letter topic) after the instructions
 * before it were carried out, and the poll's offsets are committed only after
 * {@link InstructionHandler#handleAll} returned, i.e. after every answer was delivered;
 * when an instruction failed, the offsets before it are committed and it and the rest are
 * delivered again.
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

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(InstructionListener.class);

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
	void onInstructions(List<ConsumerRecord<String, JobInstruction>> records) {
		try {
			if (this.errorOnNext.compareAndSet(true, false)) {
				throw new AssertionError("dcf.agent.testing.error-on-instruction");
			}
			List<Instruction> instructions = new ArrayList<>();
			List<ConsumerRecord<String, JobInstruction>> carrying = new ArrayList<>();
			for (ConsumerRecord<String, JobInstruction> record : records) {
				if (record.value() != null && InstructionMapper.isLogRequest(record.value())) {
					// booked after the instructions before it: it may follow their
					// containers
					carryOut(instructions, carrying);
				}
				Instruction instruction;
				try {
					instruction = read(record);
				}
				catch (RuntimeException ex) {
					// those before it are carried out and committed, it goes to the
					// error handler (undecodable: the dead-letter topic), those after
					// it are delivered again
					carryOut(instructions, carrying);
					throw new BatchListenerFailedException("instruction record cannot be read", ex, record);
				}
				if (instruction != null) {
					instructions.add(instruction);
					carrying.add(record);
				}
			}
			carryOut(instructions, carrying);
		}
		catch (Error ex) {
			this.failure.error = ex;
			throw ex;
		}
	}

	/**
	 * The record's instruction, or null if there is none to carry out: an empty record,
	 * or a log request (booked here).
	 */
	private Instruction read(ConsumerRecord<String, JobInstruction> record) {
		DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
				KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
		if (undecodable != null) {
			throw undecodable;
		}
		JobInstruction instruction = record.value();
		if (instruction == null) {
			log.debug("Skipping an empty instruction record");
			return null;
		}
		// only the addressed agent can (and may) open the sealed secret values
		boolean ours = this.agentId.equals(String.valueOf(instruction.getAgentId()));
		if (InstructionMapper.isLogRequest(instruction)) {
			// only books the follow: never waits for Docker on this thread
			if (ours) {
				this.logs.request(InstructionMapper.toLogRequest(instruction));
			}
			return null;
		}
		return InstructionMapper.toDomain(instruction, ours ? this.keys.privateKey() : null);
	}

	/** Carries out the instructions gathered, then forgets them. */
	private void carryOut(List<Instruction> instructions, List<ConsumerRecord<String, JobInstruction>> records) {
		try {
			this.handler.handleAll(instructions);
		}
		catch (InstructionFailedException ex) {
			throw new BatchListenerFailedException("instruction failed", ex.getCause(), records.get(ex.position()));
		}
		finally {
			instructions.clear();
			records.clear();
		}
	}

	public String getTopic() {
		return this.topic;
	}

	public String getGroupId() {
		return this.groupId;
	}

}
