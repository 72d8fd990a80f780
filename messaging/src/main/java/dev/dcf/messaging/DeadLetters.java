package dev.dcf.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.schemes.DcfTopics;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The recoverer of both apps' error handlers: a record given up on goes to
 * {@code <topic>.DLT}, the raw bytes of an undecodable one, the decoded record
 * (re-encoded) of any other; each is logged once with its coordinates and the root cause.
 * A dead letter that cannot be delivered within the timeout fails the recovery, so the
 * error handler tries the record again rather than losing it.
 */
public final class DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

	private DeadLetters() {
	}

	public static ConsumerRecordRecoverer recoverer(KafkaOperations<String, byte[]> bytes,
			KafkaOperations<String, SpecificRecord> records, Duration sendTimeout) {
		Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
		templates.put(byte[].class, bytes);
		templates.put(SpecificRecord.class, records);
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(templates,
				(record, ex) -> new TopicPartition(DcfTopics.dlt(record.topic()), -1));
		recoverer.setFailIfSendResultIsError(true);
		recoverer.setWaitForSendResultTimeout(sendTimeout);
		return (record, ex) -> {
			log.warn("Record {}-{}@{} (key {}) cannot be processed, sending it to {}: {}", record.topic(),
					record.partition(), record.offset(), record.key(), DcfTopics.dlt(record.topic()), rootMessage(ex));
			recoverer.accept(record, ex);
		};
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
