package dev.dcf.agent.health;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;
import dev.dcf.agent.testsupport.FakeRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksTests {

	@Test
	void meminfoIsParsedInBytes() {
		List<String> meminfo = List.of("MemTotal:       24683520 kB", "MemFree:        23687168 kB",
				"MemAvailable:   24240000 kB", "HugePages_Total:       0");
		assertThat(SystemMemory.parse(meminfo, "MemAvailable")).hasValue(24240000L * 1024);
		assertThat(SystemMemory.parse(meminfo, "MemTotal")).hasValue(24683520L * 1024);
		assertThat(SystemMemory.parse(meminfo, "HugePages_Total")).hasValue(0);
		assertThat(SystemMemory.parse(meminfo, "Mem")).isEqualTo(OptionalLong.empty());
	}

	@Test
	void memoryCheckFailsBelowTheMinimum() {
		assertThat(new FreeMemoryCheck(() -> 300L << 20, DataSize.ofMegabytes(256)).check())
			.isEqualTo(CheckResult.passed("memory", "300.0 MB available, minimum 256.0 MB"));
		assertThat(new FreeMemoryCheck(() -> 100L << 20, DataSize.ofMegabytes(256)).check())
			.isEqualTo(CheckResult.failed("memory", "low memory: 100.0 MB available, minimum 256.0 MB"));
	}

	@Test
	void diskCheckMeasuresTheNearestExistingDirectory(@TempDir Path dir) {
		SystemDisk disk = new SystemDisk(dir.resolve("not/there/yet"));
		assertThat(disk.measuredPath()).isEqualTo(dir.toAbsolutePath());
		assertThat(disk.usableBytes()).isPositive();
		assertThat(new FreeDiskCheck(disk, DataSize.ofBytes(1)).check().passed()).isTrue();
		CheckResult tooMuch = new FreeDiskCheck(disk, DataSize.ofTerabytes(1000)).check();
		assertThat(tooMuch.passed()).isFalse();
		assertThat(tooMuch.message()).startsWith("low disk: ").contains(" free at " + dir.toAbsolutePath());
	}

	@Test
	void dockerCheckSaysWhyTheDaemonIsNotReachable() {
		FakeRuntime runtime = new FakeRuntime();
		assertThat(new DockerDaemonCheck(runtime).check())
			.isEqualTo(CheckResult.passed("docker", "Docker 20.10.24 (API 1.41)"));
		runtime.daemonDown = true;
		assertThat(new DockerDaemonCheck(runtime).check())
			.isEqualTo(CheckResult.failed("docker", "Docker daemon not reachable: Docker daemon not reachable (fake)"));
	}

	@Test
	void containerCountCountsOnlyActiveContainersOfThisAgent() {
		FakeRuntime runtime = new FakeRuntime();
		runtime.add("a", Map.of("dcf.agent-id", "me"), ContainerStatus.RUNNING, null);
		runtime.add("b", Map.of("dcf.agent-id", "me"), ContainerStatus.RUNNING, null);
		runtime.add("c", Map.of("dcf.agent-id", "me"), ContainerStatus.EXITED, 0);
		runtime.add("d", Map.of("dcf.agent-id", "someone-else"), ContainerStatus.RUNNING, null);
		assertThat(new ContainerCountCheck(runtime, "me", 2).check())
			.isEqualTo(CheckResult.passed("containers", "2 of at most 2 containers active"));
		assertThat(new ContainerCountCheck(runtime, "me", 1).check())
			.isEqualTo(CheckResult.failed("containers", "too many: 2 of at most 1 containers active"));
	}

}
