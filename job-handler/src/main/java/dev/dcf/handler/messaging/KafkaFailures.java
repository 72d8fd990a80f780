package dev.dcf.handler.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.dcf.schemes.registry.SchemaRegistryException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * How the one error handler treats each failure of a consumed record (its back-off
 * function):
 * <ul>
 * <li>the schema registry did not answer, or answered with a server error (5xx), while
 * decoding: that says nothing about the record, the registry is away; retried without
 * limit (growing pauses up to 30 s), never dead-lettered (the agent's instruction
 * consumer decides the same way);</li>
 * <li>the database is away: retried the same way (a status report must not be
 * dropped);</li>
 * <li>any other decoding failure (wrong magic byte, unknown schema id, corrupt payload):
 * the record can never be read; dead-lettered at once;</li>
 * <li>a concurrent change of the same job or agent: retried a few times at short
 * pauses;</li>
 * <li>anything else: the handler's default (two retries, then the dead-letter
 * topic).</li>
 * </ul>
 */
final class KafkaFailures {

	/** The pause before retrying a decoding or database outage grows to this. */
	static final long MAX_OUTAGE_PAUSE_MS = 30_000;

	private KafkaFailures() {
	}

	/**
	 * The back-off for a failed record.
	 * @param record the record
	 * @param ex what went wrong
	 * @return the back-off, {@code null} for the handler's default
	 */
	static BackOff backOff(ConsumerRecord<?, ?> record, Exception ex) {
		if (isRegistryOutage(ex) || isDatabaseOutage(ex)) {
			ExponentialBackOff outage = new ExponentialBackOff(1000, 2);
			outage.setMaxInterval(MAX_OUTAGE_PAUSE_MS);
			return outage;
		}
		if (find(ex, DeserializationException.class) != null) {
			return new FixedBackOff(0, 0);
		}
		if (find(ex, OptimisticLockingFailureException.class) != null) {
			return new FixedBackOff(100, 10);
		}
		return null;
	}

	/**
	 * Whether decoding failed only because the schema registry was away: no answer, or a
	 * server error. A 4xx (such as an unknown schema id) is the registry's verdict and
	 * final.
	 * @param ex the failure
	 * @return {@code true} for a registry outage during decoding
	 */
	static boolean isRegistryOutage(Throwable ex) {
		if (find(ex, DeserializationException.class) == null) {
			return false;
		}
		SchemaRegistryException registry = find(ex, SchemaRegistryException.class);
		return registry != null && (registry.isUnreachable() || registry.httpStatus() >= 500);
	}

	static boolean isDatabaseOutage(Throwable ex) {
		return find(ex, CannotCreateTransactionException.class) != null
				|| find(ex, DataAccessResourceFailureException.class) != null
				|| find(ex, TransientDataAccessResourceException.class) != null;
	}

	/** Bound of the walk down a cause chain (chains can be cyclic). */
	private static final int MAX_DEPTH = 32;

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		int depth = 0;
		for (Throwable cause = ex; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
