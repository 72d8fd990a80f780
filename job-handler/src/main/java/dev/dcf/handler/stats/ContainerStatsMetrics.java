package dev.dcf.handler.stats;

import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges per running container, tags {@code job} (job id), {@code container} (index) and
 * {@code agent}: {@code dcf.container.cpu.percent}, {@code dcf.container.memory.bytes},
 * {@code dcf.container.memory.limit.bytes}, {@code dcf.container.network.tx.bytes} (the
 * last two only where known). A container's gauges go once it has no sample.
 */
@Component
class ContainerStatsMetrics implements MeterBinder {

	private final ContainerStatsService stats;

	private volatile List<Gauge> gauges;

	ContainerStatsMetrics(ContainerStatsService stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.gauges = List.of(
				new Gauge(registry, "dcf.container.cpu.percent",
						"CPU use of a running container in percent of one CPU, newest sample",
						(sample) -> sample.stats().cpuPercent()),
				new Gauge(registry, "dcf.container.memory.bytes",
						"Memory a running container uses (without inactive file cache), newest sample",
						(sample) -> (double) sample.stats().memoryBytes()),
				new Gauge(registry, "dcf.container.memory.limit.bytes", "Memory limit of a running container",
						(sample) -> toDouble(sample.stats().memoryLimitBytes())),
				new Gauge(registry, "dcf.container.network.tx.bytes",
						"Bytes a running container sent since it started, newest sample",
						(sample) -> toDouble(sample.stats().networkTxBytes())));
	}

	@EventListener
	void on(StatsReported reported) {
		List<Gauge> current = this.gauges;
		if (current == null) {
			return;
		}
		List<ContainerSample> samples = this.stats.all();
		current.forEach((gauge) -> gauge.set(samples));
	}

	private static Double toDouble(Long value) {
		return (value != null) ? value.doubleValue() : null;
	}

	/** One multi-gauge, a row per sample that has its value. */
	private static final class Gauge {

		private final MultiGauge rows;

		private final Function<ContainerSample, Double> value;

		Gauge(MeterRegistry registry, String name, String description, Function<ContainerSample, Double> value) {
			this.rows = MultiGauge.builder(name).description(description).register(registry);
			this.value = value;
		}

		void set(List<ContainerSample> samples) {
			List<MultiGauge.Row<?>> list = samples.stream()
				.filter((sample) -> this.value.apply(sample) != null).<MultiGauge
						.Row<?>>map(
								(sample) -> MultiGauge.Row.of(Tags.of("job", sample.jobId(), "container",
										Integer.toString(sample.index()), "agent", sample.agentId()),
										this.value.apply(sample)))
				.toList();
			this.rows.register(list, true);
		}

	}

}
