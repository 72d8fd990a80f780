package dev.dcf.agent.it;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentHealth;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.CheckResult;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An {@link Error} in the instruction listener (an OutOfMemoryError, a
 * StackOverflowError) stops spring-kafka's listener container while the process lives on.
 * Such an agent must not look HEALTHY: it would get jobs and never start them.
 */
@RequiresDocker
class ListenerErrorIT {

	private final String agentId = "it-error-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	@Test
	void anErrorInTheInstructionListenerMakesTheHeartbeatsUnhealthy() {
		try (Collector<AgentStatus> agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
				Instructions instructions = new Instructions(this.topics.instructions());
				TestAgent agent = TestAgent.start(this.topics,
						Map.of("dcf.agent.id", this.agentId, "dcf.agent.testing.error-on-instruction", "true"))) {
			AgentStatus healthy = agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
					&& s.getHealth() == AgentHealth.HEALTHY && check(s).getPassed(), Duration.ofSeconds(30));

			instructions
				.send(Instructions.create(this.agentId, Instructions.newJobId(), 1, TestImages.SLEEPER, 1, Map.of()));
			AgentStatus unhealthy = agentStatus.await((s) -> s.getAgentId().equals(this.agentId)
					&& s.getSequence() > healthy.getSequence() && s.getHealth() == AgentHealth.UNHEALTHY,
					Duration.ofSeconds(10));
			assertThat(check(unhealthy).getPassed()).isFalse();
			assertThat(check(unhealthy).getMessage()).isEqualTo(
					"instruction listener stopped: java.lang.AssertionError: dcf.agent.testing.error-on-instruction");
		}
	}

	private static CheckResult check(AgentStatus status) {
		return status.getChecks()
			.stream()
			.filter((check) -> check.getName().equals("instructions"))
			.findFirst()
			.orElseThrow();
	}

}
