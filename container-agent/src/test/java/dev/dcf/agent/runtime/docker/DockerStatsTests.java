package dev.dcf.agent.runtime.docker;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerStats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fixtures are answers of {@code GET /containers/{id}/stats?stream=false} of Docker 28
 * (cgroup v1), trimmed; the first one from a busy-looping container holding 100 MB for
 * which {@code docker stats} showed 100.60% and 101.3MiB / 256MiB.
 */
class DockerStatsTests {

	private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

	private static final Instant NOW = Instant.parse("2026-12-06T11:31:10Z");

	private static final String BUSY = """
			{"read":"2026-12-06T11:31:09.9Z","preread":"2026-12-06T11:31:08.9Z",
			 "cpu_stats":{"cpu_usage":{"total_usage":5688161270,"percpu_usage":[4578273923,1109887347]},
			              "system_cpu_usage":65385620000000,"online_cpus":2},
			 "precpu_stats":{"cpu_usage":{"total_usage":4693523405,"percpu_usage":[3583636058,1109887347]},
			                 "system_cpu_usage":65383650000000,"online_cpus":2},
			 "memory_stats":{"usage":106213376,"max_usage":106225664,"limit":268435456,
			                 "stats":{"cache":0,"total_cache":0,"inactive_file":0,"total_inactive_file":0}},
			 "networks":{"eth0":{"rx_bytes":736,"tx_bytes":1290},"eth1":{"rx_bytes":10,"tx_bytes":710}}}
			""";

	@Test
	void cpuPercentIsContainerTimeOverHostTimeTimesOnlineCpus() {
		ContainerStats stats = DockerStats.of(read(BUSY), NOW);

		// (5688161270 - 4693523405) / (65385620000000 - 65383650000000) * 2 * 100
		assertThat(stats.cpuPercent()).isCloseTo(100.98, within(0.01));
	}

	@Test
	void memoryAndItsLimitAreReadAndNetworkBytesSentAreSummedOverInterfaces() {
		ContainerStats stats = DockerStats.of(read(BUSY), NOW);

		assertThat(stats.memoryBytes()).isEqualTo(106213376L);
		assertThat(stats.memoryLimitBytes()).isEqualTo(268435456L);
		assertThat(stats.networkTxBytes()).isEqualTo(2000L);
		assertThat(stats.sampledAt()).isEqualTo(NOW);
	}

	@Test
	void memoryLeavesOutTheInactiveFileCacheOfCgroupV1() {
		String json = """
				{"memory_stats":{"usage":209715200,"limit":536870912,
				                 "stats":{"total_inactive_file":52428800,"inactive_file":1048576,"total_cache":62914560}}}
				""";

		assertThat(DockerStats.of(read(json), NOW).memoryBytes()).isEqualTo(209715200L - 52428800L);
	}

	@Test
	void memoryLeavesOutTheInactiveFileCacheOfCgroupV2() {
		String json = """
				{"memory_stats":{"usage":209715200,"limit":536870912,
				                 "stats":{"inactive_file":31457280,"file":41943040,"anon":167772160}}}
				""";

		assertThat(DockerStats.of(read(json), NOW).memoryBytes()).isEqualTo(209715200L - 31457280L);
	}

	@Test
	void withoutAPreviousReadingOrWithIdleCpuTheCpuPercentIsZero() {
		String first = """
				{"cpu_stats":{"cpu_usage":{"total_usage":860873992},"system_cpu_usage":65362890000000,"online_cpus":2},
				 "precpu_stats":{"cpu_usage":{}},
				 "memory_stats":{"usage":827392,"limit":268435456}}
				""";
		String idle = """
				{"cpu_stats":{"cpu_usage":{"total_usage":860873992},"system_cpu_usage":65362890000000,"online_cpus":2},
				 "precpu_stats":{"cpu_usage":{"total_usage":860873992},"system_cpu_usage":65360890000000,"online_cpus":2},
				 "memory_stats":{"usage":827392,"limit":268435456}}
				""";

		assertThat(DockerStats.of(read(first), NOW).cpuPercent()).isZero();
		assertThat(DockerStats.of(read(idle), NOW).cpuPercent()).isZero();
	}

	@Test
	void withoutOnlineCpusThePerCpuListCounts() {
		String json = """
				{"cpu_stats":{"cpu_usage":{"total_usage":3000000000,"percpu_usage":[1,2,3,4]},"system_cpu_usage":8000000000},
				 "precpu_stats":{"cpu_usage":{"total_usage":1000000000},"system_cpu_usage":4000000000},
				 "memory_stats":{"usage":1024}}
				""";

		assertThat(DockerStats.of(read(json), NOW).cpuPercent()).isCloseTo(200.0, within(0.001));
	}

	@Test
	void aContainerOnTheHostNetworkHasNoNetworkBytes() {
		String json = """
				{"memory_stats":{"usage":827392,"limit":268435456}}
				""";

		assertThat(DockerStats.of(read(json), NOW).networkTxBytes()).isNull();
	}

	@Test
	void aContainerThatDoesNotRunHasNoSample() {
		// what the daemon answers for a stopped container
		String json = """
				{"read":"0001-01-01T00:00:00Z","cpu_stats":{"cpu_usage":{"total_usage":0},"throttling_data":{}},
				 "precpu_stats":{"cpu_usage":{"total_usage":0},"throttling_data":{}},"memory_stats":{}}
				""";

		assertThat(DockerStats.of(read(json), NOW)).isNull();
	}

	private static Statistics read(String json) {
		try {
			return JSON.readValue(json, Statistics.class);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
