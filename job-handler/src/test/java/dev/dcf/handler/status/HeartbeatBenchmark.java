package dev.dcf.handler.status;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.instruction.InstructionOutbox;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.stats.ContainerStatsService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test (its name keeps it out of the build's test runs): the handler's CPU per
 * heartbeat of an agent with 100 RUNNING jobs of one container each, on H2, nothing
 * changing between heartbeats (the steady state). Run by scripts/bench-heartbeat.sh;
 * figures in docs/benchmarks.md.
 */
@DataJpaTest(showSql = false)
@Import({ HeartbeatService.class, AgentService.class, InstructionOutbox.class, ContainerStatsService.class,
		HeartbeatBenchmark.Fixed.class })
@EnableConfigurationProperties(ReportSequences.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class HeartbeatBenchmark {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	private static final int CONTAINERS = Integer.getInteger("bench.containers", 100);

	private static final int ROUNDS = Integer.getInteger("bench.heartbeats", 400);

	@Autowired
	HeartbeatService heartbeats;

	@Autowired
	JobRepository jobs;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void heartbeatsOfAnAgentWithRunningContainers() {
		String agent = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		this.heartbeats.handle(heartbeat(agent, 1, List.of()));
		List<ReportedContainer> containers = new ArrayList<>();
		TransactionTemplate transactions = new TransactionTemplate(this.transactionManager);
		transactions.executeWithoutResult((status) -> {
			for (int i = 0; i < CONTAINERS; i++) {
				Job job = TestJobs.job(TestJobs.request().containers(1).durationSeconds(3600L).build(), "alice", T0);
				job.start("started", T0);
				job.assignTo(agent, T0);
				job.acceptStatusSequence(2);
				job.markRunning(T0);
				job = this.jobs.save(job);
				containers.add(new ReportedContainer(job.getId(), job.getRunNumber(), 0, "c" + i,
						"dcf-" + job.getId() + "-0", ContainerState.RUNNING, null, T0, null, null,
						new ContainerStats(12.5, 100L << 20, 256L << 20, null, T0)));
			}
		});
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		int warmUp = ROUNDS / 2;
		long sequence = 10;
		for (int i = 0; i < warmUp; i++) {
			this.heartbeats.handle(heartbeat(agent, sequence++, containers));
		}
		long cpu = threads.getCurrentThreadCpuTime();
		long wall = System.nanoTime();
		for (int i = 0; i < ROUNDS; i++) {
			this.heartbeats.handle(heartbeat(agent, sequence++, containers));
		}
		double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / ROUNDS;
		double wallMs = (System.nanoTime() - wall) / 1e6 / ROUNDS;
		System.out.printf(
				"%nBENCH heartbeat of %d containers: %.2f ms CPU, %.2f ms wall per heartbeat (%d heartbeats)%n",
				CONTAINERS, cpuMs, wallMs, ROUNDS);
	}

	private static AgentHeartbeat heartbeat(String agentId, long sequence, List<ReportedContainer> containers) {
		return new AgentHeartbeat(agentId, sequence, T0.plusMillis(sequence), AgentState.HEALTHY,
				List.of(new AgentCheck("docker", true, null), new AgentCheck("kafka", true, null)),
				new AgentCapacity(4, 8L << 30, 6L << 30, null, containers.size(), 200),
				Map.of("zone", "a", "disk", "ssd"), "host", "0.1.0", "27.0", Duration.ofSeconds(5), containers);
	}

	static class Fixed {

		@Bean
		Clock clock() {
			return Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
		}

	}

}
