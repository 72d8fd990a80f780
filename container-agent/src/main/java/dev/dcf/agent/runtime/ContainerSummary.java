package dev.dcf.agent.runtime;

import java.util.Map;

import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

/**
 * A container as a listing shows it, without inspecting it: enough to count and find
 * containers, not to report them (no exit code, no times, no image digest).
 *
 * @param id full container id
 * @param name name without the leading slash
 * @param labels its labels
 * @param state mapped state
 */
public record ContainerSummary(String id, String name, Map<String, String> labels, ContainerStatus state) {

	public ContainerSummary {
		labels = Map.copyOf(labels == null ? Map.of() : labels);
	}

	/** The summary of a container that was inspected. */
	public static ContainerSummary of(ManagedContainer container) {
		return new ContainerSummary(container.id(), container.name(), container.labels(), container.state());
	}

}
