package dev.dcf.agent.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.report.AgentReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.ReportNotDeliveredException;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.report.SequenceCounter;
import dev.dcf.messaging.TopicProperties;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * {@link Reporter} on Kafka: job reports to the job status topic keyed by job id,
 * heartbeats to the agent status topic keyed by agent id.
 *
 * <p>
 * Stamping the sequence and handing the record to the producer happen under one lock, so
 * on every partition the sequence increases in the order records are written (the
 * producer is idempotent and keeps that order through retries). Then the caller waits for
 * the broker's acknowledgement: up to {@code sendTimeout} for job reports, up to
 * {@code heartbeatTimeout} (the heartbeat interval) for heartbeats, since the next
 * heartbeat replaces one that is late.
 */
class KafkaReporter implements Reporter {

	private static final Logger log = LoggerFactory.getLogger(KafkaReporter.class);

	private final KafkaTemplate<String, SpecificRecord> template;

	private final SequenceCounter sequence;

	private final String agentId;

	private final TopicProperties topics;

	private final Duration sendTimeout;

	private final Duration heartbeatTimeout;

	private final Object order = new Object();

	private final byte[] publicKey;

	/**
	 * @param publicKey published in every heartbeat (secret env values are sealed for it)
	 */
	KafkaReporter(KafkaTemplate<String, SpecificRecord> template, SequenceCounter sequence, String agentId,
			TopicProperties topics, Duration sendTimeout, Duration heartbeatTimeout, byte[] publicKey) {
		this.publicKey = publicKey.clone();
		this.template = template;
		this.sequence = sequence;
		this.agentId = agentId;
		this.topics = topics;
		this.sendTimeout = sendTimeout;
		this.heartbeatTimeout = heartbeatTimeout;
	}

	@Override
	public void send(JobReport report) {
		SendResult<String, SpecificRecord> result = sendAndWait(this.topics.jobStatus(), report.jobId(),
				() -> StatusMapper.toWire(report, this.agentId, this.sequence.next()),
				report.kind() + " of job " + report.jobId(), this.sendTimeout);
		log.debug("Sent {} of job {} run {} at {}", report.kind(), report.jobId(), report.runNumber(),
				result.getRecordMetadata());
	}

	@Override
	public void send(AgentReport report) {
		// stamped with the sequence drawn when it was observed, not when it is sent
		sendAndWait(this.topics.agentStatus(), this.agentId,
				() -> StatusMapper.toWire(report, this.agentId, report.sequence(), this.publicKey),
				report.health() + " heartbeat", this.heartbeatTimeout);
	}

	private SendResult<String, SpecificRecord> sendAndWait(String topic, String key, Supplier<SpecificRecord> record,
			String what, Duration timeout) {
		CompletableFuture<SendResult<String, SpecificRecord>> future;
		try {
			synchronized (this.order) {
				future = this.template.send(topic, key, record.get());
			}
		}
		catch (RuntimeException ex) {
			throw notDelivered(what, topic, ex);
		}
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw notDelivered(what, topic, (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException ex) {
			throw notDelivered(what, topic,
					new TimeoutException("no acknowledgement within " + timeout.toMillis() + " ms"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw notDelivered(what, topic, ex);
		}
	}

	private static ReportNotDeliveredException notDelivered(String what, String topic, Throwable cause) {
		return new ReportNotDeliveredException("Could not send " + what + " to " + topic + ": "
				+ (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
	}

}
