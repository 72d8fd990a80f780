package dev.dcf.handler.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Gauge {@code dcf.agents} with tag {@code status}: how many agents have each status. One
 * query serves all statuses and is reused for a few seconds.
 */
@Component
class AgentMetrics implements MeterBinder {

	private static final Duration MAX_AGE = Duration.ofSeconds(5);

	private final AgentRepository agents;

	private final Clock clock;

	private Map<AgentState, Long> counts = new EnumMap<>(AgentState.class);

	private Instant countedAt = Instant.MIN;

	AgentMetrics(AgentRepository agents, Clock clock) {
		this.agents = agents;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (AgentState status : AgentState.values()) {
			Gauge.builder("dcf.agents", this, (metrics) -> metrics.count(status))
				.tag("status", status.name())
				.description("Agents by status")
				.register(registry);
		}
	}

	synchronized double count(AgentState status) {
		Instant now = this.clock.instant();
		if (this.countedAt.plus(MAX_AGE).isBefore(now)) {
			Map<AgentState, Long> fresh = new EnumMap<>(AgentState.class);
			this.agents.countByStatus().forEach((row) -> fresh.put(row.getStatus(), row.getCount()));
			this.counts = fresh;
			this.countedAt = now;
		}
		return this.counts.getOrDefault(status, 0L);
	}

}
