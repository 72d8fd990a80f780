package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;

import dev.dcf.handler.instruction.Instruction;
import dev.dcf.handler.instruction.InstructionNotSentException;
import dev.dcf.handler.instruction.InstructionSender;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * {@link InstructionSender} on Kafka: {@code JobInstruction} records keyed by the target
 * agent id, so one agent's instructions share a partition and keep their order. Waits for
 * the broker's acknowledgement; every failure (serialization, registry, broker, timeout)
 * becomes {@link InstructionNotSentException}.
 */
class KafkaInstructionSender implements InstructionSender {

	private final KafkaTemplate<String, SpecificRecord> template;

	private final String topic;

	private final Duration timeout;

	KafkaInstructionSender(KafkaTemplate<String, SpecificRecord> template, String topic, Duration timeout) {
		this.template = template;
		this.topic = topic;
		this.timeout = timeout;
	}

	@Override
	public void send(Instruction instruction) {
		String what = instruction.operation() + " of job " + instruction.jobId() + " to agent " + instruction.agentId();
		CompletableFuture<SendResult<String, SpecificRecord>> future;
		try {
			future = this.template.send(this.topic, instruction.agentId(), InstructionMapper.toWire(instruction));
		}
		catch (RuntimeException ex) {
			throw notSent(what, ex);
		}
		try {
			future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw notSent(what, (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			throw notSent(what, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notSent(what, ex);
		}
	}

	private InstructionNotSentException notSent(String what, Throwable cause) {
		return new InstructionNotSentException(
				"Could not send " + what + " to " + this.topic + ": "
						+ ((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName()),
				cause);
	}

}
