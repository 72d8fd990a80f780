package dev.dcf.handler.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerStatsMetricsTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private ContainerStatsMetrics metrics;

	private final ContainerStatsService service = new ContainerStatsService(
			(event) -> this.metrics.on((StatsReported) event));

	@Test
	void eachRunningContainerHasItsGaugesUntilItIsGone() {
		this.metrics = new ContainerStatsMetrics(this.service);
		this.metrics.bindTo(this.registry);

		this.service.record(heartbeat(new ReportedContainer("job-1", 1, 0, "c0", "dcf-job-1-0", ContainerState.RUNNING,
				null, NOW, null, null, new ContainerStats(12.5, 100L << 20, 256L << 20, null, NOW))));

		assertThat(this.registry.get("dcf.container.cpu.percent")
			.tags("job", "job-1", "container", "0", "agent", "agent-1")
			.gauge()
			.value()).isEqualTo(12.5);
		assertThat(this.registry.get("dcf.container.memory.bytes").tag("job", "job-1").gauge().value())
			.isEqualTo(100.0 * (1 << 20));
		assertThat(this.registry.get("dcf.container.memory.limit.bytes").tag("job", "job-1").gauge().value())
			.isEqualTo(256.0 * (1 << 20));
		assertThat(this.registry.find("dcf.container.network.tx.bytes").gauges()).isEmpty();

		this.service.record(heartbeat());

		assertThat(this.registry.find("dcf.container.cpu.percent").gauges()).isEmpty();
		assertThat(this.registry.find("dcf.container.memory.bytes").gauges()).isEmpty();
	}

	@Test
	void aGaugeReadsTheNewestSample() {
		this.metrics = new ContainerStatsMetrics(this.service);
		this.metrics.bindTo(this.registry);

		this.service.record(heartbeat(new ReportedContainer("job-1", 1, 0, "c0", "dcf-job-1-0", ContainerState.RUNNING,
				null, NOW, null, null, new ContainerStats(12.5, 100L << 20, 256L << 20, 500L, NOW))));
		this.service.record(heartbeat(new ReportedContainer("job-1", 1, 0, "c0", "dcf-job-1-0", ContainerState.RUNNING,
				null, NOW, null, null, new ContainerStats(80.0, 120L << 20, 256L << 20, 900L, NOW))));

		assertThat(this.registry.get("dcf.container.cpu.percent").tag("job", "job-1").gauge().value()).isEqualTo(80.0);
		assertThat(this.registry.get("dcf.container.network.tx.bytes").tag("job", "job-1").gauge().value())
			.isEqualTo(900.0);
		assertThat(this.registry.find("dcf.container.cpu.percent").gauges()).hasSize(1);
	}

	@Test
	void aHeartbeatUpdatesItsAgentsGaugesWithoutGoingOverTheOtherAgents() {
		List<String> wholeReads = new ArrayList<>();
		ContainerStatsService counting = new ContainerStatsService((event) -> this.metrics.on((StatsReported) event)) {

			@Override
			public List<ContainerSample> all() {
				wholeReads.add("all");
				return super.all();
			}

		};
		this.metrics = new ContainerStatsMetrics(counting);
		this.metrics.bindTo(this.registry);

		counting.record(heartbeat("agent-1", running("job-1", 10.0)));
		counting.record(heartbeat("agent-2", running("job-2", 20.0), running("job-3", 30.0)));
		counting.record(heartbeat("agent-1"));

		assertThat(this.registry.find("dcf.container.cpu.percent").gauges()).hasSize(2);
		assertThat(this.registry.get("dcf.container.cpu.percent").tag("job", "job-3").gauge().value()).isEqualTo(30.0);
		assertThat(this.registry.find("dcf.container.cpu.percent").tag("agent", "agent-1").gauges()).isEmpty();
		assertThat(wholeReads).as("reads of every agent's samples (only when bound)").hasSize(1);
	}

	private static ReportedContainer running(String jobId, double cpuPercent) {
		return new ReportedContainer(jobId, 1, 0, "c-" + jobId, "dcf-" + jobId + "-0", ContainerState.RUNNING, null,
				NOW, null, null, new ContainerStats(cpuPercent, 100L << 20, 256L << 20, null, NOW));
	}

	private static AgentHeartbeat heartbeat(ReportedContainer... containers) {
		return heartbeat("agent-1", containers);
	}

	private static AgentHeartbeat heartbeat(String agentId, ReportedContainer... containers) {
		return new AgentHeartbeat(agentId, 1, NOW, AgentState.HEALTHY, List.of(),
				new AgentCapacity(2, 1L << 33, 1L << 32, null, containers.length, 10), Map.of(), "host", "1", "28",
				Duration.ofSeconds(5), List.of(containers));
	}

}
