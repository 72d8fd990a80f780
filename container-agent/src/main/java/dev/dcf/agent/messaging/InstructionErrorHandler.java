package dev.dcf.agent.messaging;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.schemes.registry.SchemaRegistryException;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds the instruction consumer's one error handler. What happens to a failed record
 * depends on its {@link InstructionFailure}:
 * <ul>
 * <li>{@code UNDECODABLE}: recovered (dead-lettered) at once, no retry;</li>
 * <li>{@code REGISTRY_UNAVAILABLE}: retried with exponential backoff without limit, until
 * the registry answers; if it then says the record cannot be decoded (e.g. unknown schema
 * id), it is dead-lettered at that point;</li>
 * <li>{@code REPORT_NOT_DELIVERED}: retried with exponential backoff without limit;</li>
 * <li>{@code OTHER}: {@code others}, then recovered.</li>
 * </ul>
 * A retried record is fetched again: the error handler seeks back to it, so the next poll
 * decodes it afresh (the deserializer caches only schemas it could fetch).
 */
final class InstructionErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(InstructionErrorHandler.class);

	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	private InstructionErrorHandler() {
	}

	/**
	 * @param recoverer what happens to a record that is given up (the dead-letter topic)
	 * @param firstRetry first interval of the unbounded retries (doubles each time)
	 * @param maxRetryInterval cap of the unbounded retries' interval
	 * @param others backoff of failures of kind {@code OTHER}
	 * @return a new error handler
	 */
	static DefaultErrorHandler create(ConsumerRecordRecoverer recoverer, Duration firstRetry, Duration maxRetryInterval,
			BackOff others) {
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, others);
		// spring-kafka never retries a DeserializationException by default; the backoff
		// function below decides instead, by the cause
		handler.removeClassification(DeserializationException.class);
		BackOffWhile registryOutage = new BackOffWhile(InstructionFailure.REGISTRY_UNAVAILABLE,
				unbounded(firstRetry, maxRetryInterval));
		handler.setRetryListeners(registryOutage, (record, ex, attempt) -> {
			if (attempt == 1 && InstructionFailure.of(ex) == InstructionFailure.REGISTRY_UNAVAILABLE) {
				log.warn("Instruction record {}-{}@{} waits for the schema registry (retrying until it answers): {}",
						record.topic(), record.partition(), record.offset(), registryMessage(ex));
			}
		});
		handler.setBackOffFunction((record, ex) -> switch (InstructionFailure.of(ex)) {
			case REGISTRY_UNAVAILABLE -> registryOutage;
			case REPORT_NOT_DELIVERED -> unbounded(firstRetry, maxRetryInterval);
			case UNDECODABLE -> NO_RETRIES;
			case OTHER -> null;
		});
		return handler;
	}

	private static BackOff unbounded(Duration first, Duration max) {
		ExponentialBackOff backOff = new ExponentialBackOff(first.toMillis(), 2);
		backOff.setMaxInterval(max.toMillis());
		return backOff;
	}

	/** The registry client's message says which registry and why. */
	private static String registryMessage(Throwable ex) {
		for (Throwable cause = ex; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SchemaRegistryException) {
				return cause.getMessage();
			}
		}
		return ex.getMessage();
	}

}
