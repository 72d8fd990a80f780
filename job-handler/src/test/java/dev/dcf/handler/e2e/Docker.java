package dev.dcf.handler.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.testsupport.TestImages;

/**
 * The test's own look at the Docker daemon, independent of the agent: which containers a
 * job has, and cleanup.
 */
final class Docker implements AutoCloseable {

	private final DockerClient client;

	Docker() {
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost("unix:///var/run/docker.sock")
			.build();
		this.client = DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
	}

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
		for (Container container : withLabel("dcf.agent-id", agentId)) {
			try {
				this.client.removeContainerCmd(container.getId()).withForce(true).exec();
			}
			catch (NotFoundException ex) {
				// gone already
			}
		}
	}

	private List<Container> withLabel(String label, String value) {
		return this.client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec();
	}

	@Override
	public void close() {
		try {
			this.client.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
