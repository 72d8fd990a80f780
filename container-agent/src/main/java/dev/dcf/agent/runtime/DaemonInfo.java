package dev.dcf.agent.runtime;

/**
 * Facts about the container engine's host.
 *
 * @param version engine version
 * @param apiVersion API version used
 * @param cpus CPUs the engine can use
 * @param memoryBytes memory the engine can use
 */
public record DaemonInfo(String version, String apiVersion, int cpus, long memoryBytes) {
}
