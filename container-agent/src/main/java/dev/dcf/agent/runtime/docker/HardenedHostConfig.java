package dev.dcf.agent.runtime.docker;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;

import dev.dcf.agent.runtime.ContainerSpec;

/**
 * The host config every DCF container gets. Hardening is fixed here, not taken from the
 * spec: only limits and the tunable bounds of {@link ContainerSpec.Hardening} vary. No
 * binds, devices, port bindings or volumes are ever set; PID and IPC namespaces stay
 * private (Docker's default).
 */
final class HardenedHostConfig {

	/** The form the daemon stores and {@code docker inspect} shows. */
	static final String NO_NEW_PRIVILEGES = "no-new-privileges";

	private HardenedHostConfig() {
	}

	static HostConfig of(ContainerSpec spec) {
		ContainerSpec.Hardening hardening = spec.hardening();
		HostConfig config = HostConfig.newHostConfig()
			.withPrivileged(false)
			.withCapDrop(Capability.ALL)
			.withSecurityOpts(List.of(NO_NEW_PRIVILEGES))
			.withRestartPolicy(RestartPolicy.noRestart())
			.withNetworkMode(spec.network())
			.withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE,
					Map.of("max-size", hardening.logMaxSize(), "max-file", String.valueOf(hardening.logMaxFiles()))))
			// generators may write to /tmp; the rootfs is the container's
			// own layer anyway
			.withReadonlyRootfs(false)
			.withInit(false)
			.withAutoRemove(false);
		if (hardening.pidsLimit() > 0) {
			config.withPidsLimit(hardening.pidsLimit());
		}
		if (spec.nanoCpus() > 0) {
			config.withNanoCPUs(spec.nanoCpus());
		}
		if (spec.memoryBytes() > 0) {
			// swap limit = memory limit: no swap on top of the hard limit
			config.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
		}
		return config;
	}

	/** {@code KEY=value} entries, sorted so that equal specs give equal requests. */
	static List<String> env(Map<String, String> env) {
		return new TreeMap<>(env).entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList();
	}

}
