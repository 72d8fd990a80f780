package dev.dcf.handler.messaging;

import dev.dcf.handler.status.JobStatusService;
import dev.dcf.schemes.avro.JobStatus;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.job-status}: each report, mapped to the domain, goes to the status
 * feature. Thin on purpose: undecodable records never get here (the error handler
 * dead-letters them), and the offset is committed once the report was applied.
 */
@Component
class JobStatusListener {

	private final JobStatusService service;

	private final String topic;

	JobStatusListener(JobStatusService service, TopicProperties topics) {
		this.service = service;
		this.topic = topics.jobStatus();
	}

	@KafkaListener(id = "dcf-handler-job-status", idIsGroup = false, topics = "#{__listener.topic}",
			containerFactory = "jobStatusListenerFactory")
	void onReport(@Payload(required = false) JobStatus report) {
		if (report != null) {
			this.service.handle(StatusMapper.toDomain(report));
		}
	}

	public String getTopic() {
		return this.topic;
	}

}
