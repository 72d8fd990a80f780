package dev.dcf.handler.messaging;

import java.time.Instant;

import dev.dcf.handler.status.JobReport;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class StatusMapperTests {

	static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

	@ParameterizedTest
	@EnumSource(StartFailure.class)
	void everyWireCauseOfAStartFailureMapsToTheSameDomainCause(StartFailure cause) {
		JobReport report = StatusMapper.toDomain(startFailed(cause));

		assertThat(report.kind()).isEqualTo(JobReport.Kind.START_FAILED);
		assertThat(report.failure()).isNotNull().hasToString(cause.name());
		assertThat(report.reason()).isEqualTo("refused");
	}

	@Test
	void aStartFailureWithoutACauseKeepsNone() {
		assertThat(StatusMapper.toDomain(startFailed(null)).failure()).isNull();
	}

	private static JobStatus startFailed(StartFailure cause) {
		return JobStatus.newBuilder()
			.setAgentId("agent-1")
			.setSequence(7)
			.setJobId("job-1")
			.setRunNumber(1)
			.setInstructionId("i-1")
			.setKind(JobStatusKind.START_FAILED)
			.setFailure(cause)
			.setReason("refused")
			.setTimestamp(NOW)
			.build();
	}

}
