package dev.dcf.handler.liveness;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Gauges {@code dcf.liveness.blind} (1 while the handler cannot see heartbeats) and
 * {@code dcf.liveness.held.agents} (agents the mass-silence brake holds back): alert on
 * either staying above 0.
 */
@Component
class LivenessMetrics implements MeterBinder {

	private final LivenessStatus status;

	LivenessMetrics(LivenessStatus status) {
		this.status = status;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("dcf.liveness.blind", this.status, (status) -> status.snapshot().isBlind() ? 1 : 0)
			.description("1 while the handler cannot see the agents' heartbeats")
			.register(registry);
		Gauge.builder("dcf.liveness.held.agents", this.status, (status) -> status.snapshot().held().size())
			.description("Silent agents the mass-silence brake holds back from LOST")
			.register(registry);
	}

}
