package dev.dcf.handler.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentChanged;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerStatsServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private final List<Object> events = new ArrayList<>();

	private final ContainerStatsService service = new ContainerStatsService(this.events::add);

	@Test
	void eachHeartbeatReplacesItsAgentsSamples() {
		this.service.record(heartbeat("agent-1", running("job-1", 0, 10.0), running("job-1", 1, 20.0)));
		this.service.record(heartbeat("agent-2", running("job-2", 0, 5.0)));

		this.service.record(heartbeat("agent-1", running("job-1", 0, 30.0), running("job-1", 1, 40.0)));

		assertThat(this.service.forJob("job-1")).extracting(ContainerSample::index, (s) -> s.stats().cpuPercent())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0, 30.0),
					org.assertj.core.groups.Tuple.tuple(1, 40.0));
		assertThat(this.service.forAgent("agent-2")).singleElement()
			.satisfies((sample) -> assertThat(sample.jobId()).isEqualTo("job-2"));
		assertThat(this.service.all()).hasSize(3);
		assertThat(this.events).last().isEqualTo(new StatsReported("agent-1", Set.of("job-1")));
	}

	@Test
	void aContainerThatIsGoneOrNoLongerRunsLosesItsSample() {
		this.service.record(
				heartbeat("agent-1", running("job-1", 0, 10.0), running("job-1", 1, 20.0), running("job-2", 0, 1.0)));

		this.service.record(heartbeat("agent-1", running("job-1", 0, 10.0), new ReportedContainer("job-1", 1, 1,
				"job-1-1", "dcf-job-1-1", ContainerState.EXITED, 137, NOW, NOW, null, null)));

		assertThat(this.service.forJob("job-1")).extracting(ContainerSample::index).containsExactly(0);
		assertThat(this.service.forJob("job-2")).isEmpty();
		assertThat(this.events).last().isEqualTo(new StatsReported("agent-1", Set.of("job-1", "job-2")));

		this.service.record(heartbeat("agent-1"));

		assertThat(this.service.all()).isEmpty();
		assertThat(this.service.forAgent("agent-1")).isEmpty();
	}

	@Test
	void aContainerWithoutASampleHasNoneAndNothingIsAnnouncedWhileNothingIsSampled() {
		this.service.record(heartbeat("agent-1", new ReportedContainer("job-1", 1, 0, "c", "dcf-job-1-0",
				ContainerState.RUNNING, null, NOW, null, null, null)));

		assertThat(this.service.forJob("job-1")).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void aLostAgentLosesItsSamples() {
		this.service.record(heartbeat("agent-1", running("job-1", 0, 10.0)));
		this.service.record(heartbeat("agent-2", running("job-2", 0, 10.0)));

		this.service.agentChanged(new AgentChanged("agent-1", AgentState.HEALTHY, AgentState.LOST, NOW));
		this.service.agentChanged(new AgentChanged("agent-2", AgentState.HEALTHY, AgentState.UNHEALTHY, NOW));

		assertThat(this.service.forJob("job-1")).isEmpty();
		assertThat(this.service.forJob("job-2")).hasSize(1);
		assertThat(this.events).last().isEqualTo(new StatsReported("agent-1", Set.of("job-1")));
	}

	@Test
	void totalsSumTheSamplesAndLeaveUnknownsUnknown() {
		ContainerSample a = new ContainerSample("a", "j", 1, 0, "c0", "n0",
				new ContainerStats(10.0, 100, 1000L, null, NOW));
		ContainerSample b = new ContainerSample("a", "j", 1, 1, "c1", "n1",
				new ContainerStats(5.5, 50, null, 300L, NOW));

		assertThat(StatsTotals.of(List.of(a, b))).isEqualTo(new StatsTotals(2, 15.5, 150, null, 300L));
		assertThat(StatsTotals.of(List.of(a))).isEqualTo(new StatsTotals(1, 10.0, 100, 1000L, null));
		assertThat(StatsTotals.of(List.of())).isEqualTo(new StatsTotals(0, 0.0, 0, null, null));
		assertThat(a.memoryPercent()).isEqualTo(10.0);
		assertThat(b.memoryPercent()).isNull();
	}

	private static ReportedContainer running(String jobId, int index, double cpu) {
		return new ReportedContainer(jobId, 1, index, jobId + "-" + index, "dcf-" + jobId + "-" + index,
				ContainerState.RUNNING, null, NOW, null, null,
				new ContainerStats(cpu, 100L << 20, 256L << 20, 1000L, NOW));
	}

	private static AgentHeartbeat heartbeat(String agentId, ReportedContainer... containers) {
		return new AgentHeartbeat(agentId, 1, NOW, AgentState.HEALTHY, List.of(),
				new AgentCapacity(2, 1L << 33, 1L << 32, null, containers.length, 10), Map.of(), "host", "1", "28",
				Duration.ofSeconds(5), Arrays.asList(containers));
	}

}
