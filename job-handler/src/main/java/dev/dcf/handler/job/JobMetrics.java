package dev.dcf.handler.job;

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
 * Gauge {@code dcf.jobs} with tag {@code state}: how many jobs are in each state. One
 * {@code group by} query serves all states and is reused for a few seconds, so a scrape
 * costs at most one query.
 */
@Component
class JobMetrics implements MeterBinder {

	private static final Duration MAX_AGE = Duration.ofSeconds(5);

	private final JobRepository jobs;

	private final Clock clock;

	private Map<JobState, Long> counts = new EnumMap<>(JobState.class);

	private Instant countedAt = Instant.MIN;

	JobMetrics(JobRepository jobs, Clock clock) {
		this.jobs = jobs;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (JobState state : JobState.values()) {
			Gauge.builder("dcf.jobs", this, (metrics) -> metrics.count(state))
				.tag("state", state.name())
				.description("Jobs by state")
				.register(registry);
		}
	}

	synchronized double count(JobState state) {
		Instant now = this.clock.instant();
		if (this.countedAt.plus(MAX_AGE).isBefore(now)) {
			Map<JobState, Long> fresh = new EnumMap<>(JobState.class);
			this.jobs.countByState().forEach((row) -> fresh.put(row.getState(), row.getCount()));
			this.counts = fresh;
			this.countedAt = now;
		}
		return this.counts.getOrDefault(state, 0L);
	}

}
