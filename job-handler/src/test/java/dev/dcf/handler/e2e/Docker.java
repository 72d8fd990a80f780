package dev.dcf.handler.e2e;

import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.testsupport.TestImages;

/**
 * The test's own look at the Docker daemon, independent of the agent: which containers a
 * job has, and cleanup. The kit's {@link DockerInspector} with what needs the agent's
 * labels ({@link ManagedLabels}), which the kit cannot see.
 */
final class Docker implements AutoCloseable {

	private final DockerInspector inspector = new DockerInspector();

	private final DockerClient client = this.inspector.client();

	/** All containers of a job, running or not. */
	List<Container> containersOfJob(String jobId) {
		return withLabel("dcf.job-id", jobId);
	}

	/** A container's environment as Docker holds it, NAME=value. */
	List<String> env(String containerId) {
		return List.of(this.client.inspectContainerCmd(containerId).exec().getConfig().getEnv());
	}

	/** The running containers of a job. */
	List<Container> runningContainersOfJob(String jobId) {
		return containersOfJob(jobId).stream().filter((container) -> "running".equals(container.getState())).toList();
	}

	/** All containers of a job that carry an agent's label, running or not. */
	List<Container> containersOfJobOn(String jobId, String agentId) {
		return this.client.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of(ManagedLabels.JOB_ID, jobId, ManagedLabels.AGENT_ID, agentId))
			.exec();
	}

	/**
	 * Starts a sleeper container labelled as container 0 of run 1 of a job on an agent,
	 * behind the agent's and the handler's back: the agent counts it against its capacity
	 * from then on, the handler only once a heartbeat shows it.
	 * @param agentId the agent it seems to belong to
	 * @param jobId the job it seems to belong to
	 * @return the container's id
	 */
	String startSleeperFor(String agentId, String jobId) {
		Map<String, String> labels = Map.of(ManagedLabels.MANAGED, "true", ManagedLabels.AGENT_ID, agentId,
				ManagedLabels.JOB_ID, jobId, ManagedLabels.CONTAINER_INDEX, "0", ManagedLabels.RUN, "1");
		String id = this.client.createContainerCmd(TestImages.SLEEPER)
			.withName(ManagedLabels.containerName(jobId, 0))
			.withLabels(labels)
			.exec()
			.getId();
		this.client.startContainerCmd(id).exec();
		return id;
	}

	/**
	 * What identifies an image exactly, as {@code docker image inspect} shows it: its
	 * repo digests (empty for an image built locally) and its id.
	 * @param image a reference
	 * @return the repo digests and the id ({@code sha256:...})
	 */
	ImageIdentity image(String image) {
		InspectImageResponse inspected = this.client.inspectImageCmd(image).exec();
		List<String> digests = inspected.getRepoDigests();
		return new ImageIdentity((digests != null) ? List.copyOf(digests) : List.of(), inspected.getId());
	}

	record ImageIdentity(List<String> repoDigests, String id) {
	}

	/** Removes every container of an agent (test cleanup). */
	void removeAllOf(String agentId) {
		this.inspector.removeAllOf(agentId);
	}

	private List<Container> withLabel(String label, String value) {
		return this.inspector.withLabel(label, value);
	}

	@Override
	public void close() {
		this.inspector.close();
	}

}
