package dev.dcf.handler.throughput;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code dcf.job.records.per.second} with tag {@code job} (the job id): the latest
 * rate of each job being sampled, a job's gauge gone once it is not; and
 * {@code dcf.records.per.second}, the sum.
 */
@Component
class ThroughputMetrics implements MeterBinder {

	private final ThroughputService service;

	private volatile MultiGauge perJob;

	ThroughputMetrics(ThroughputService service) {
		this.service = service;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.perJob = MultiGauge.builder("dcf.job.records.per.second")
			.description("Records per second a running job's topic grew by, latest sample")
			.register(registry);
		Gauge.builder("dcf.records.per.second", this.service, ThroughputService::totalRate)
			.description("Records per second of all running jobs, latest sample")
			.register(registry);
	}

	@EventListener
	void on(ThroughputSampled sampled) {
		MultiGauge gauge = this.perJob;
		if (gauge == null) {
			return;
		}
		List<MultiGauge.Row<?>> rows = sampled.points()
			.entrySet()
			.stream().<MultiGauge
					.Row<?>>map(
							(entry) -> MultiGauge.Row.of(Tags.of("job", entry.getKey()),
									entry.getValue().point().recordsPerSecond()))
			.toList();
		gauge.register(rows, true);
	}

}
