package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;

import dev.dcf.handler.instruction.Instruction;
import dev.dcf.handler.instruction.InstructionNotSentException;
import dev.dcf.handler.instruction.InstructionRefusedException;
import dev.dcf.handler.instruction.InstructionSender;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * {@link InstructionSender} on Kafka: {@code JobInstruction} records keyed by the target
 * agent id, so one agent's instructions share a partition and keep their order.
 * {@link #send} waits for the broker's acknowledgement, {@link #sendAsync} lets several
 * be awaited together; a record larger than the broker or producer takes becomes
 * {@link InstructionRefusedException} (never sendable), every other failure
 * (serialization, registry, broker, timeout) {@link InstructionNotSentException}.
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
		try {
			sendAsync(instruction).join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof InstructionNotSentException notSent) {
				throw notSent;
			}
			throw ex;
		}
	}

	@Override
	public CompletableFuture<Void> sendAsync(Instruction instruction) {
		String what = instruction.operation() + " of job " + instruction.jobId() + " to agent " + instruction.agentId();
		CompletableFuture<SendResult<String, SpecificRecord>> future;
		try {
			future = this.template.send(this.topic, instruction.agentId(), InstructionMapper.toWire(instruction));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(notSent(what, ex));
		}
		CompletableFuture<Void> acknowledged = new CompletableFuture<>();
		future.orTimeout(this.timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((result, failure) -> {
			if (failure == null) {
				acknowledged.complete(null);
				return;
			}
			Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
					? failure.getCause() : failure;
			acknowledged.completeExceptionally(notSent(what, cause));
		});
		return acknowledged;
	}

	private InstructionNotSentException notSent(String what, Throwable cause) {
		String message = "Could not send " + what + " to " + this.topic + ": "
				+ ((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName());
		if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
			return new InstructionRefusedException(message, cause);
		}
		boolean unreachable = cause instanceof TimeoutException
				|| cause instanceof org.apache.kafka.common.errors.TimeoutException;
		return new InstructionNotSentException(message, cause, unreachable);
	}

}
