package dev.dcf.handler.agent;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentDrainTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Test
	void theDrainingMarkIsTheHandlersOwnAndNoHeartbeatLiftsIt() {
		Agent agent = TestAgents.agent(TestAgents.healthy("a1", 1, T0), T0);

		assertThat(agent.drain(true, "admin", T0)).isTrue();
		assertThat(agent.apply(TestAgents.healthy("a1", 2, T0.plusSeconds(5)), T0.plusSeconds(5))).isTrue();

		assertThat(agent.isDraining()).isTrue();
		assertThat(agent.isDrainMove()).isTrue();
		assertThat(agent.getDrainedBy()).isEqualTo("admin");
		assertThat(agent.getDrainSince()).isEqualTo(T0);
	}

	@Test
	void drainingAgainOnlyChangesMoveAndUndrainingLiftsTheMark() {
		Agent agent = TestAgents.agent(TestAgents.healthy("a1", 1, T0), T0);
		agent.drain(false, "admin", T0);

		assertThat(agent.drain(false, "admin", T0.plusSeconds(1))).as("a repeated mark is a no-op").isFalse();
		assertThat(agent.drain(true, "root", T0.plusSeconds(2))).isTrue();
		assertThat(agent.getDrainSince()).isEqualTo(T0);
		assertThat(agent.undrain("admin", T0.plusSeconds(3))).isTrue();
		assertThat(agent.undrain("admin", T0.plusSeconds(4))).isFalse();
		assertThat(agent.isDraining()).isFalse();
		assertThat(agent.isDrainMove()).isFalse();
		assertThat(agent.getDrainSince()).isNull();
	}

}
