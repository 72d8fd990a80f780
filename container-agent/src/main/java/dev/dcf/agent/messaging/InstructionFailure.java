package dev.dcf.agent.messaging;

import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.schemes.registry.SchemaRegistryException;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Why an instruction record failed, which decides what the error handler does with it.
 *
 * <p>
 * The decoding failures all reach the error handler as a {@link DeserializationException}
 * (from {@code ErrorHandlingDeserializer}), so the type alone cannot tell a broken record
 * from a registry that is briefly away: the cause chain can. A record is only condemned
 * when the registry answered; while it does not, the record may be perfectly valid.
 */
enum InstructionFailure {

	/**
	 * The writer schema could not be fetched because the registry did not answer
	 * (connection refused, timeout) or answered with a server error (5xx). Says nothing
	 * about the record: retry it until the registry is back.
	 */
	REGISTRY_UNAVAILABLE,

	/**
	 * The record cannot be decoded: bad magic byte, too short, a schema id the registry
	 * does not know (404), corrupt Avro, an incompatible writer schema. Retrying cannot
	 * help: dead-letter it at once.
	 */
	UNDECODABLE,

	/**
	 * The instruction was carried out but its answer did not reach the broker. Carry it
	 * out again (it is idempotent) until the answer is delivered.
	 */
	REPORT_NOT_DELIVERED,

	/** Anything else: a few retries, then the dead-letter topic. */
	OTHER;

	/** Bound of the walk down the cause chain (chains can be cyclic). */
	private static final int MAX_DEPTH = 32;

	/**
	 * Classifies the exception the listener container handed to the error handler.
	 * @param failure the exception, possibly wrapped (listener execution, timestamps)
	 * @return what kind of failure it is
	 */
	static InstructionFailure of(Throwable failure) {
		boolean deserialization = false;
		int depth = 0;
		for (Throwable cause = failure; cause != null && depth < MAX_DEPTH; cause = cause.getCause(), depth++) {
			if (cause instanceof ReportNotDeliveredException) {
				return REPORT_NOT_DELIVERED;
			}
			if (cause instanceof DeserializationException) {
				deserialization = true;
			}
			if (deserialization && cause instanceof SchemaRegistryException registry && isTransient(registry)) {
				return REGISTRY_UNAVAILABLE;
			}
		}
		return deserialization ? UNDECODABLE : OTHER;
	}

	/**
	 * No answer, or a server error (Confluent's 50001 store error, 50002 timeout, 50003
	 * forwarding error; 502/503/504 from a proxy in front of it). A 4xx is the registry's
	 * verdict on the request and final.
	 */
	private static boolean isTransient(SchemaRegistryException ex) {
		return ex.isUnreachable() || ex.httpStatus() >= 500;
	}

}
