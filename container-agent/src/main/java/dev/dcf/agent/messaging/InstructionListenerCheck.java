package dev.dcf.agent.messaging;

import dev.dcf.agent.health.CheckResult;
import dev.dcf.agent.health.HealthCheck;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The instruction listener runs. An {@link Error} in the listener (or in the consumer)
 * stops its container for good while the process lives on: without this check such an
 * agent would go on heartbeating HEALTHY, get jobs placed on it and never start them.
 * Failing here makes the handler place work elsewhere and tells it why.
 *
 * <p>
 * Before the container started and after it was stopped on shutdown, the container is
 * where it is expected to be, so the check passes.
 */
class InstructionListenerCheck implements HealthCheck {

	static final String NAME = "instructions";

	private final KafkaListenerEndpointRegistry registry;

	private final ListenerFailure failure;

	InstructionListenerCheck(KafkaListenerEndpointRegistry registry, ListenerFailure failure) {
		this.registry = registry;
		this.failure = failure;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CheckResult check() {
		MessageListenerContainer container = this.registry.getListenerContainer(InstructionListener.ID);
		Error error = this.failure.error;
		if (container == null) {
			return CheckResult.passed(NAME, "instruction listener not created yet");
		}
		if (!container.isInExpectedState() || (error != null && !container.isRunning())) {
			return CheckResult.failed(NAME,
					"instruction listener stopped: " + ((error != null) ? error : "its consumer stopped abnormally"));
		}
		return CheckResult.passed(NAME, container.isRunning() ? "instruction listener running"
				: "instruction listener not started (or stopped normally)");
	}

}
