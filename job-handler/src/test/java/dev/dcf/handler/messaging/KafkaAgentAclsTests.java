package dev.dcf.handler.messaging;

import java.util.List;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dcf.messaging.TopicProperties;

class KafkaAgentAclsTests {

	private final TopicProperties topics = new TopicProperties("dcf.job-instructions", "dcf.job-status",
			"dcf.agent-status", 6, "dcf.container-logs");

	@Test
	void anAgentReadsOnlyInstructionsAndWritesOnlyItsOwnDirection() {
		List<AclBinding> bindings = KafkaAgentAcls.bindings(List.of("dcf-agent"), this.topics);

		assertThat(bindings)
			.allSatisfy((binding) -> assertThat(binding.entry().principal()).isEqualTo("User:dcf-agent"));
		assertThat(topicsWith(bindings, AclOperation.READ)).containsExactly("dcf.job-instructions");
		assertThat(topicsWith(bindings, AclOperation.WRITE)).containsExactlyInAnyOrder("dcf.job-status",
				"dcf.agent-status", "dcf.container-logs", "dcf.job-instructions.DLT");
		assertThat(topicsWith(bindings, AclOperation.CREATE)).containsExactly("dcf.job-instructions.DLT");
		assertThat(bindings).filteredOn((binding) -> binding.pattern().resourceType() == ResourceType.GROUP)
			.allSatisfy((binding) -> {
				assertThat(binding.pattern().name()).isEqualTo("dcf-agent-");
				assertThat(binding.pattern().patternType()).isEqualTo(PatternType.PREFIXED);
			})
			.isNotEmpty();
		assertThat(bindings).noneMatch((binding) -> binding.entry().operation() == AclOperation.ALL
				|| binding.entry().operation() == AclOperation.ALTER
				|| binding.pattern().resourceType() == ResourceType.CLUSTER);
	}

	private static List<String> topicsWith(List<AclBinding> bindings, AclOperation operation) {
		return bindings.stream()
			.filter((binding) -> binding.pattern().resourceType() == ResourceType.TOPIC
					&& binding.entry().operation() == operation)
			.map((binding) -> binding.pattern().name())
			.toList();
	}

}
