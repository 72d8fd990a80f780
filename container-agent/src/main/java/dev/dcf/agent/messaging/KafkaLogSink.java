package dev.dcf.agent.messaging;

import java.time.Instant;

import dev.dcf.agent.logs.LogBatch;
import dev.dcf.agent.logs.LogSink;
import dev.dcf.schemes.avro.ContainerLogLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends log batches to {@code dcf.container-logs} (key = job id, so a container's batches
 * stay in order) on a producer of their own, so that lines never queue in front of a
 * heartbeat. Fire and forget: live lines that cannot be delivered are lost, not retried.
 */
class KafkaLogSink implements LogSink {

	private static final Logger log = LoggerFactory.getLogger(KafkaLogSink.class);

	private final KafkaTemplate<String, ContainerLogLines> template;

	private final String topic;

	private final String agentId;

	KafkaLogSink(KafkaTemplate<String, ContainerLogLines> template, String topic, String agentId) {
		this.template = template;
		this.topic = topic;
		this.agentId = agentId;
	}

	@Override
	public void send(LogBatch batch) {
		ContainerLogLines record = ContainerLogLines.newBuilder()
			.setAgentId(this.agentId)
			.setJobId(batch.jobId())
			.setRunNumber(batch.runNumber())
			.setIndex(batch.index())
			.setLines(batch.lines())
			.setDropped(batch.dropped())
			.setEnded(batch.ended())
			.setEndReason(batch.endReason())
			.setTimestamp(Instant.now())
			.build();
		this.template.send(this.topic, batch.jobId(), record).whenComplete((result, ex) -> {
			if (ex != null) {
				log.debug("Log batch of job {} not delivered: {}", batch.jobId(), ex.getMessage());
			}
		});
	}

}
