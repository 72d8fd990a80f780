package dev.dcf.agent.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start. Hardening (not privileged, all capabilities dropped, no-new-privileges,
 * no binds, devices, host PID/IPC, restart policy "no") is always applied by the runtime
 * and cannot be switched off here; only the tunable bounds are in {@link Hardening}.
 *
 * @param name container name, unique on the host
 * @param image image reference
 * @param command overrides the image's CMD when not empty
 * @param env environment variables
 * @param labels container labels
 * @param nanoCpus CPU limit in 1e-9 CPUs, 0 = unlimited
 * @param memoryBytes hard memory limit, 0 = unlimited
 * @param network network mode or network name ({@code host}, {@code bridge}, a named net)
 * @param hardening tunable bounds
 */
public record ContainerSpec(String name, String image, List<String> command, Map<String, String> env,
		Map<String, String> labels, long nanoCpus, long memoryBytes, String network, Hardening hardening) {

	public ContainerSpec {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(image, "image");
		command = List.copyOf(command == null ? List.of() : command);
		env = Map.copyOf(env == null ? Map.of() : env);
		labels = Map.copyOf(labels == null ? Map.of() : labels);
		Objects.requireNonNull(network, "network");
		Objects.requireNonNull(hardening, "hardening");
	}

	/**
	 * Without env values: they may hold opened secrets, which are never logged.
	 */
	@Override
	public String toString() {
		return "ContainerSpec[" + this.name + ", image " + this.image + ", env names " + this.env.keySet() + "]";
	}

	/**
	 * @param pidsLimit max processes in the container
	 * @param logMaxSize json-file log driver max-size, e.g. {@code 10m}
	 * @param logMaxFiles json-file log driver max-file
	 */
	public record Hardening(long pidsLimit, String logMaxSize, int logMaxFiles) {

		public static final Hardening DEFAULT = new Hardening(256, "10m", 3);

	}

}
