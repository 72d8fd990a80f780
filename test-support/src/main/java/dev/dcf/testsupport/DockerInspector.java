package dev.dcf.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

/**
 * The test's own look at the Docker daemon on {@code /var/run/docker.sock}, independent
 * of the agent's adapter: raw inspect data as Docker reports it, and cleanup. Needs
 * docker-java on the class path (an optional dependency of the kit: the agent's and the
 * handler's tests have it).
 */
public final class DockerInspector implements AutoCloseable {

	private final DockerClient client;

	public DockerInspector() {
		this.client = connect();
	}

	/** A new docker-java client of the daemon; the caller closes it. */
	public static DockerClient connect() {
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost("unix:///var/run/docker.sock")
			.build();
		return DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
	}

	/** The client, for what this class does not offer; closed with this inspector. */
	public DockerClient client() {
		return this.client;
	}

	public InspectContainerResponse inspect(String idOrName) {
		return this.client.inspectContainerCmd(idOrName).exec();
	}

	public boolean exists(String idOrName) {
		try {
			inspect(idOrName);
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/** All containers, running or not, with {@code label=value}. */
	public List<Container> withLabel(String label, String value) {
		return this.client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec();
	}

	/** Removes every container of an agent (test cleanup). */
	public void removeAllOf(String agentId) {
		for (Container container : withLabel("dcf.agent-id", agentId)) {
			try {
				this.client.removeContainerCmd(container.getId()).withForce(true).exec();
			}
			catch (NotFoundException ex) {
				// gone already
			}
		}
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
