package dev.dcf.handler.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges per running container, tags {@code job} (job id), {@code container} (index) and
 * {@code agent}: {@code dcf.container.cpu.percent}, {@code dcf.container.memory.bytes},
 * {@code dcf.container.memory.limit.bytes} and {@code dcf.container.network.tx.bytes}
 * (the last only for containers with a network of their own). A container's gauges are
 * registered with its first sample, read its newest one, and are removed once it has
 * none.
 */
@Component
class ContainerStatsMetrics implements MeterBinder {

	private static final List<Metric> METRICS = List.of(
			new Metric("dcf.container.cpu.percent", "CPU use of a running container in percent of one CPU",
					(sample) -> sample.stats().cpuPercent()),
			new Metric("dcf.container.memory.bytes",
					"Memory a running container uses (without the inactive file cache)",
					(sample) -> (double) sample.stats().memoryBytes()),
			new Metric("dcf.container.memory.limit.bytes", "Memory limit of a running container",
					(sample) -> toDouble(sample.stats().memoryLimitBytes())),
			new Metric("dcf.container.network.tx.bytes", "Bytes a running container sent since it started",
					(sample) -> toDouble(sample.stats().networkTxBytes())));

	private final ContainerStatsService stats;

	private volatile MeterRegistry registry;

	/** Newest sample by container key (agent/job/index). */
	private final Map<String, ContainerSample> latest = new ConcurrentHashMap<>();

	/** The gauges registered per container key, by agent. */
	private final Map<String, Map<String, List<Gauge>>> gaugesByAgent = new HashMap<>();

	ContainerStatsMetrics(ContainerStatsService stats) {
		this.stats = stats;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		this.stats.all().stream().map(ContainerSample::agentId).distinct().forEach(this::update);
	}

	@EventListener
	void on(StatsReported reported) {
		update(reported.agentId());
	}

	/**
	 * Brings the gauges of one agent's containers up to date. Only the reporting agent's
	 * samples are read: a heartbeat's cost does not grow with the other agents'
	 * containers (it did, going over all of them: 100 agents of 100 containers cost the
	 * heartbeat listener half a core).
	 */
	private synchronized void update(String agentId) {
		MeterRegistry target = this.registry;
		if (target == null) {
			return;
		}
		Map<String, ContainerSample> now = new HashMap<>();
		this.stats.forAgent(agentId).forEach((sample) -> now.put(key(sample), sample));
		Map<String, List<Gauge>> gauges = this.gaugesByAgent.computeIfAbsent(agentId, (id) -> new HashMap<>());
		gauges.entrySet().removeIf((entry) -> {
			if (now.containsKey(entry.getKey())) {
				return false;
			}
			entry.getValue().forEach(target::remove);
			this.latest.remove(entry.getKey());
			return true;
		});
		this.latest.putAll(now);
		now.forEach((key, sample) -> gauges.computeIfAbsent(key, (k) -> register(target, k, sample)));
		if (gauges.isEmpty()) {
			this.gaugesByAgent.remove(agentId);
		}
	}

	private List<Gauge> register(MeterRegistry target, String key, ContainerSample sample) {
		Tags tags = Tags.of("job", sample.jobId(), "container", Integer.toString(sample.index()), "agent",
				sample.agentId());
		List<Gauge> registered = new ArrayList<>();
		for (Metric metric : METRICS) {
			if (metric.value().apply(sample) == null) {
				// no network of its own (host network), limit unknown: no gauge
				continue;
			}
			registered.add(Gauge.builder(metric.name(), this, (self) -> self.value(key, metric))
				.description(metric.description())
				.tags(tags)
				.strongReference(true)
				.register(target));
		}
		return registered;
	}

	private double value(String key, Metric metric) {
		ContainerSample sample = this.latest.get(key);
		Double value = (sample != null) ? metric.value().apply(sample) : null;
		return (value != null) ? value : Double.NaN;
	}

	private static String key(ContainerSample sample) {
		return sample.agentId() + "/" + sample.jobId() + "/" + sample.index();
	}

	private static Double toDouble(Long value) {
		return (value != null) ? value.doubleValue() : null;
	}

	private record Metric(String name, String description, Function<ContainerSample, Double> value) {
	}

}
