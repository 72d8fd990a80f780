package dev.dcf.agent.runtime.docker;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerSpec;

import static org.assertj.core.api.Assertions.assertThat;

class HardenedHostConfigTests {

	private static ContainerSpec spec(long nanoCpus, long memoryBytes) {
		return new ContainerSpec("dcf-j-0", "img:1", List.of(), Map.of("B", "2", "A", "1"), Map.of(), nanoCpus,
				memoryBytes, "host", new ContainerSpec.Hardening(64, "5m", 2));
	}

	@Test
	void appliesEveryHardeningField() {
		HostConfig config = HardenedHostConfig.of(spec(500_000_000L, 64L << 20));

		assertThat(config.getPrivileged()).isFalse();
		assertThat(config.getCapDrop()).containsExactly(Capability.ALL);
		assertThat(config.getCapAdd()).isNull();
		assertThat(config.getSecurityOpts()).containsExactly("no-new-privileges");
		assertThat(config.getPidsLimit()).isEqualTo(64L);
		// docker-java's "no restart" is the empty name, which the daemon reads as "no"
		assertThat(config.getRestartPolicy()).isEqualTo(RestartPolicy.noRestart());
		assertThat(config.getLogConfig().getType()).isEqualTo(LogConfig.LoggingType.JSON_FILE);
		assertThat(config.getLogConfig().getConfig()).containsEntry("max-size", "5m").containsEntry("max-file", "2");
		assertThat(config.getBinds()).isNullOrEmpty();
		assertThat(config.getDevices()).isNullOrEmpty();
		assertThat(config.getPidMode()).isNull();
		assertThat(config.getIpcMode()).isNull();
		assertThat(config.getNetworkMode()).isEqualTo("host");
	}

	@Test
	void limitsMemoryWithoutExtraSwapAndCpus() {
		HostConfig config = HardenedHostConfig.of(spec(1_500_000_000L, 128L << 20));

		assertThat(config.getNanoCPUs()).isEqualTo(1_500_000_000L);
		assertThat(config.getMemory()).isEqualTo(128L << 20);
		assertThat(config.getMemorySwap()).isEqualTo(128L << 20);
	}

	@Test
	void zeroLimitsMeanUnlimited() {
		HostConfig config = HardenedHostConfig.of(spec(0, 0));

		assertThat(config.getNanoCPUs()).isNull();
		assertThat(config.getMemory()).isNull();
		assertThat(config.getMemorySwap()).isNull();
	}

	@Test
	void envBecomesSortedAssignments() {
		assertThat(HardenedHostConfig.env(Map.of("B", "2", "A", "x=y"))).containsExactly("A=x=y", "B=2");
	}

}
