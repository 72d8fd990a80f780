package dev.dcf.schemes.serde;

import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncompatibilitiesTests {

	@Test
	void locationsBecomeFieldPaths() {
		assertThat(Incompatibilities.fieldPath(JobStatus.getClassSchema(), "/fields/1/type"))
			.isEqualTo("field sequence");
		assertThat(
				Incompatibilities.fieldPath(JobStatus.getClassSchema(), "/fields/7/type/items/fields/5/type/symbols"))
			.isEqualTo("field containers[].state");
		assertThat(Incompatibilities.fieldPath(AgentStatus.getClassSchema(), "/fields/6/type/values"))
			.isEqualTo("field labels{}");
		assertThat(Incompatibilities.fieldPath(JobInstruction.getClassSchema(), "/fields/10/type/1/fields/0/type"))
			.isEqualTo("field limits.cpus");
	}

	@Test
	void locationsThatCannotBeFollowedStayAsTheyAre() {
		assertThat(Incompatibilities.fieldPath(JobStatus.getClassSchema(), "/")).isEqualTo("/");
		assertThat(Incompatibilities.fieldPath(JobStatus.getClassSchema(), "/fields/99/type"))
			.isEqualTo("/fields/99/type");
		assertThat(Incompatibilities.fieldPath(JobStatus.getClassSchema(), "/weird")).isEqualTo("/weird");
	}

}
