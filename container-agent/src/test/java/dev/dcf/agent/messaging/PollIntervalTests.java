package dev.dcf.agent.messaging;

import java.time.Duration;
import java.util.Map;

import dev.dcf.agent.config.AgentProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PollIntervalTests {

	@Test
	void theDefaultsLeaveRoomForTheSlowestPoll() {
		AgentProperties defaults = bind(Map.of());
		// 16 * 5m pulls + 20 * (10s stop + 2 * 30s calls) + 2m
		assertThat(MessagingConfiguration.slowestPoll(defaults)).isEqualTo(Duration.ofSeconds(6320));
		assertThatCode(() -> MessagingConfiguration.checkPollInterval(defaults)).doesNotThrowAnyException();
	}

	@Test
	void aPollIntervalShorterThanTheSlowestInstructionIsRefusedAtStart() {
		AgentProperties properties = bind(
				Map.of("dcf.agent.pull-timeout", "30m", "dcf.agent.max-poll-interval", "20m"));
		assertThatIllegalStateException().isThrownBy(() -> MessagingConfiguration.checkPollInterval(properties))
			.withMessageStartingWith(
					"dcf.agent.max-poll-interval (PT20M) must be at least PT8H25M20S = concurrent-instructions * pull-timeout");
	}

	@Test
	void oneInstructionAtATimeNeedsRoomForOnePull() {
		AgentProperties properties = bind(Map.of("dcf.agent.concurrent-instructions", "1"));
		assertThat(MessagingConfiguration.slowestPoll(properties)).isEqualTo(Duration.ofSeconds(1820));
	}

	private static AgentProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("dcf.agent", AgentProperties.class);
	}

}
