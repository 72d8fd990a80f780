package dev.dcf.agent.runtime.docker;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class DockerFailuresTests {

	private final DockerFailures failures = new DockerFailures(URI.create("unix:///var/run/docker.sock"));

	@Test
	void missingSocketIsDaemonUnavailableNamingTheHost() {
		// what docker-java's httpclient5 transport throws when the socket file is missing
		RuntimeException thrown = new RuntimeException(new SocketException("No such file or directory"));

		ContainerRuntimeException mapped = this.failures.translate("read daemon info", thrown);

		assertThat(mapped.kind()).isEqualTo(Kind.DAEMON_UNAVAILABLE);
		assertThat(mapped.getMessage())
			.isEqualTo("Docker daemon not reachable at unix:///var/run/docker.sock: No such file or directory");
		assertThat(mapped.getCause()).isSameAs(thrown);
	}

	@Test
	void readTimeoutIsTimeout() {
		ContainerRuntimeException mapped = this.failures.translate("inspect container x",
				new RuntimeException(new SocketTimeoutException("Read timed out")));

		assertThat(mapped.kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(mapped.getMessage()).contains("inspect container x");
	}

	@Test
	void badRequestAndConflictAreRejectedWithTheDaemonsWords() {
		ContainerRuntimeException badRequest = this.failures.translate("create container c",
				new BadRequestException("{\"message\":\"Minimum memory limit allowed is 6MB\"}\n"));
		ContainerRuntimeException conflict = this.failures.translate("remove container c",
				new ConflictException("{\"message\":\"You cannot remove a running container\"}"));

		assertThat(badRequest.kind()).isEqualTo(Kind.REJECTED);
		assertThat(badRequest.getMessage())
			.isEqualTo("Docker daemon rejected create container c: Minimum memory limit allowed is 6MB");
		assertThat(conflict.kind()).isEqualTo(Kind.REJECTED);
	}

	@Test
	void unauthorizedIsUnauthorized() {
		ContainerRuntimeException mapped = this.failures.translate("pull image i",
				new UnauthorizedException("{\"message\":\"authentication required\"}"));

		assertThat(mapped.kind()).isEqualTo(Kind.UNAUTHORIZED);
	}

	@Test
	void serverErrorIsOther() {
		ContainerRuntimeException mapped = this.failures.translate("start container c",
				new InternalServerErrorException("{\"message\":\"OCI runtime create failed\"}"));

		assertThat(mapped.kind()).isEqualTo(Kind.OTHER);
		assertThat(mapped.getMessage()).endsWith("OCI runtime create failed");
	}

	@Test
	void knownRuntimeExceptionPassesThrough() {
		ContainerRuntimeException known = new ContainerRuntimeException(Kind.IMAGE_NOT_FOUND, "gone");

		assertThat(this.failures.translate("anything", known)).isSameAs(known);
	}

	@Test
	void missingImageNamesTheImageAndTheDaemonsReason() {
		ContainerRuntimeException mapped = this.failures.imageNotFound("nope/nope:1",
				new NotFoundException("{\"message\":\"No such image: nope/nope:1\"}\n"));

		assertThat(mapped.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND);
		assertThat(mapped.getMessage())
			.isEqualTo("image nope/nope:1 not found locally and could not be pulled: No such image: nope/nope:1");
	}

	@Test
	void pullRefusedByRegistryIsUnauthorized() {
		ContainerRuntimeException mapped = this.failures.imageNotFound("reg:5000/private:1",
				new IOException("unauthorized: incorrect username or password"));

		assertThat(mapped.kind()).isEqualTo(Kind.UNAUTHORIZED);
		assertThat(mapped.getMessage()).contains("reg:5000/private:1");
	}

	@Test
	void pullWithoutALoginThatTheRegistryWantsIsUnauthorizedAndSaysSo() {
		// what Docker 20.10 reports when a registry with htpasswd auth gets no login
		String daemon = "Head \"http://localhost:5000/v2/team/gen/manifests/1\": no basic auth credentials";
		ContainerRuntimeException mapped = this.failures.pullFailed("localhost:5000/team/gen:1",
				new InternalServerErrorException("{\"message\":\"" + daemon.replace("\"", "\\\"") + "\"}"), false);

		assertThat(mapped.kind()).isEqualTo(Kind.UNAUTHORIZED);
		assertThat(mapped.getMessage()).isEqualTo("registry requires a login for image localhost:5000/team/gen:1"
				+ " and this agent has none for its host (dcf.agent.registries): " + daemon);
	}

	@Test
	void pullWithALoginTheRegistryRefusesSaysTheCredentialsWereRefused() {
		ContainerRuntimeException mapped = this.failures.pullFailed("localhost:5000/team/gen:1",
				new IOException("unauthorized: authentication required"), true);

		assertThat(mapped.kind()).isEqualTo(Kind.UNAUTHORIZED);
		assertThat(mapped.getMessage()).isEqualTo(
				"registry refused the credentials for image localhost:5000/team/gen:1: unauthorized: authentication required");
	}

	@Test
	void pullOfAnUnknownImageWithoutALoginIsNotFound() {
		ContainerRuntimeException mapped = this.failures.pullFailed("localhost:5000/team/gen:1",
				new NotFoundException("{\"message\":\"manifest for localhost:5000/team/gen:1 not found\"}"), false);

		assertThat(mapped.kind()).isEqualTo(Kind.IMAGE_NOT_FOUND);
		assertThat(mapped.getMessage()).startsWith("image localhost:5000/team/gen:1 not found locally");
	}

	@Test
	void aRegistryServerErrorIsRegistryUnavailable() {
		// what Docker 20.10 says when the registry answers 503
		ContainerRuntimeException mapped = this.failures.pullFailed("localhost:5000/team/gen:1",
				new InternalServerErrorException(
						"{\"message\":\"received unexpected HTTP status: 503 Service Unavailable\"}"),
				false);

		assertThat(mapped.kind()).isEqualTo(Kind.REGISTRY_UNAVAILABLE);
		assertThat(mapped.getMessage()).isEqualTo("registry failed to serve image localhost:5000/team/gen:1:"
				+ " received unexpected HTTP status: 503 Service Unavailable");
	}

	@Test
	void aRegistryThatDoesNotAnswerInTimeIsRegistryUnavailable() {
		String daemon = "Get \"https://reg.example.com/v2/\": net/http: request canceled while waiting for connection"
				+ " (Client.Timeout exceeded while awaiting headers)";
		ContainerRuntimeException mapped = this.failures.pullFailed("reg.example.com/team/gen:1",
				new InternalServerErrorException("{\"message\":\"" + daemon.replace("\"", "\\\"") + "\"}"), false);

		assertThat(mapped.kind()).isEqualTo(Kind.REGISTRY_UNAVAILABLE);
	}

	@Test
	void registryRefusalsAreNotRegistryTrouble() {
		assertThat(DockerFailures.isRegistryTrouble("manifest for localhost:5000/team/gen:1 not found")).isFalse();
		assertThat(DockerFailures.isRegistryTrouble("pull access denied for gen, repository does not exist")).isFalse();
		assertThat(DockerFailures.isRegistryTrouble("received unexpected HTTP status: 502 Bad Gateway")).isTrue();
		assertThat(DockerFailures.isRegistryTrouble("dial tcp 10.0.0.9:5000: i/o timeout")).isTrue();
		assertThat(DockerFailures
			.isRegistryTrouble("Get \"http://localhost:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused"))
			.isFalse();
	}

	@Test
	void daemonMessageFallsBackToTheRawBody() {
		assertThat(DockerFailures.daemonMessage(new ConflictException("plain text\n"))).isEqualTo("plain text");
		assertThat(DockerFailures.daemonMessage(new ConflictException(""))).isEqualTo("HTTP 409");
	}

}
