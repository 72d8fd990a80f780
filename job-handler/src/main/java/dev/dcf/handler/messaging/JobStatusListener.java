package dev.dcf.handler.messaging;

import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.status.JobStatusService;
import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code dcf.job-status}: each report, mapped to the domain, goes to the status
 * feature (the output an exit report carries to the container logs first), except the
 * answers to dry runs, which go to the dry runs. Thin on purpose: undecodable records
 * never get here (the error handler dead-letters them), and the offset is committed once
 * the report was applied.
 */
@Component
class JobStatusListener {

	private final JobStatusService service;

	private final DryRunService dryRuns;

	private final ContainerLogService logs;

	private final String topic;

	JobStatusListener(JobStatusService service, DryRunService dryRuns, ContainerLogService logs,
			TopicProperties topics) {
		this.service = service;
		this.dryRuns = dryRuns;
		this.logs = logs;
		this.topic = topics.jobStatus();
	}

	@KafkaListener(id = "dcf-handler-job-status", idIsGroup = false, topics = "#{__listener.topic}",
			containerFactory = "jobStatusListenerFactory")
	void onReport(@Payload(required = false) JobStatus report) {
		if (report == null) {
			return;
		}
		if (report.getKind() == JobStatusKind.DRY_RUN_DONE) {
			this.dryRuns.reported(StatusMapper.toDryRun(report));
		}
		else {
			// kept first: once the report has failed the job, its page shows the output
			StatusMapper.exitOutput(report).ifPresent(this.logs::keep);
			this.service.handle(StatusMapper.toDomain(report));
		}
	}

	public String getTopic() {
		return this.topic;
	}

}
