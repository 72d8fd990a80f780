package dev.dcf.handler.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

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

	/** The running containers of a job. */
	List<Container> runningContainersOfJob(String jobId) {
		return containersOfJob(jobId).stream().filter((container) -> "running".equals(container.getState())).toList();
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
