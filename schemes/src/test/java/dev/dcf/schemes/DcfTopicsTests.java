package dev.dcf.schemes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DcfTopicsTests {

	@Test
	void defaultsMatchTheDesign() {
		assertThat(DcfTopics.JOB_INSTRUCTIONS).isEqualTo("dcf.job-instructions");
		assertThat(DcfTopics.JOB_STATUS).isEqualTo("dcf.job-status");
		assertThat(DcfTopics.AGENT_STATUS).isEqualTo("dcf.agent-status");
		assertThat(DcfTopics.DEFAULT_PARTITIONS).isEqualTo(6);
	}

	@Test
	void deadLetterTopicAppendsDlt() {
		assertThat(DcfTopics.dlt(DcfTopics.JOB_STATUS)).isEqualTo("dcf.job-status.DLT");
		assertThatIllegalArgumentException().isThrownBy(() -> DcfTopics.dlt(" "));
	}

	@Test
	void managementTopicsAndTheirDeadLettersAreRecognised() {
		assertThat(DcfTopics.MANAGEMENT_TOPICS).allSatisfy((topic) -> {
			assertThat(DcfTopics.isManagementTopic(topic)).isTrue();
			assertThat(DcfTopics.isManagementTopic(DcfTopics.dlt(topic))).isTrue();
		});
		assertThat(DcfTopics.isManagementTopic("sensor-readings")).isFalse();
		assertThat(DcfTopics.isManagementTopic("dcf.job-status-archive")).isFalse();
		assertThat(DcfTopics.isManagementTopic(".DLT")).isFalse();
		assertThat(DcfTopics.isManagementTopic(null)).isFalse();
	}

}
