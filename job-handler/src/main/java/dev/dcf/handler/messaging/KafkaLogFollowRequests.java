package dev.dcf.handler.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.dcf.handler.logs.LogFollowRequests;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * LOGS instructions, sent without waiting for the acknowledgement: the caller renews a
 * follow every few seconds, so one lost request costs at most one renewal interval.
 */
class KafkaLogFollowRequests implements LogFollowRequests {

	private static final Logger log = LoggerFactory.getLogger(KafkaLogFollowRequests.class);

	private final KafkaTemplate<String, SpecificRecord> template;

	private final String topic;

	private final Clock clock;

	KafkaLogFollowRequests(KafkaTemplate<String, SpecificRecord> template, String topic, Clock clock) {
		this.template = template;
		this.topic = topic;
		this.clock = clock;
	}

	@Override
	public void request(String agentId, String jobId, int runNumber, int index, int tail, Duration lease) {
		JobInstruction instruction = JobInstruction.newBuilder()
			.setInstructionId(UUID.randomUUID().toString())
			.setOperation(InstructionOperation.LOGS)
			.setAgentId(agentId)
			.setJobId(jobId)
			.setRunNumber(runNumber)
			.setIssuedAt(this.clock.instant())
			.setLogIndex(index)
			.setLogTail(tail)
			.setLogLeaseMillis(lease.toMillis())
			.build();
		this.template.send(this.topic, agentId, instruction).whenComplete((result, ex) -> {
			if (ex != null) {
				log.debug("LOGS for container {} of job {} not delivered: {}", index, jobId, ex.getMessage());
			}
		});
	}

}
