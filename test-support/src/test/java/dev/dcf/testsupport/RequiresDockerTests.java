package dev.dcf.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiresDockerTests {

	@TempDir
	Path dir;

	private final Map<String, String> env = new HashMap<>();

	private ServerSocketChannel fakeDaemon;

	@AfterEach
	void closeFakeDaemon() throws IOException {
		if (this.fakeDaemon != null) {
			this.fakeDaemon.close();
		}
	}

	@Test
	void deadSocketSkipsTheTestsWithAClearMessage() {
		Path socket = this.dir.resolve("missing.sock");
		this.env.put("DOCKER_HOST", "unix://" + socket);

		ConditionEvaluationResult result = condition().evaluate();

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason())
			.hasValueSatisfying((reason) -> assertThat(reason).startsWith("Docker daemon not reachable at " + socket)
				.endsWith("set DCF_REQUIRE=docker to fail instead"));
	}

	@Test
	void deadSocketFailsTheTestsWhenDockerIsRequired() {
		Path socket = this.dir.resolve("missing.sock");
		this.env.put("DOCKER_HOST", "unix://" + socket);
		this.env.put("DCF_REQUIRE", "docker");

		assertThatThrownBy(() -> condition().evaluate()).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Docker daemon not reachable at " + socket)
			.hasMessageContaining("DCF_REQUIRE requires docker");
	}

	@Test
	void requiringOtherToolsOnlySkips() {
		this.env.put("DOCKER_HOST", "unix://" + this.dir.resolve("missing.sock"));
		this.env.put("DCF_REQUIRE", "browser,postgres");

		assertThat(condition().evaluate().isDisabled()).isTrue();
	}

	@Test
	void daemonAnsweringThePingEnablesTheTests() throws Exception {
		Path socket = this.dir.resolve("docker.sock");
		CompletableFuture<String> request = serve(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");
		this.env.put("DOCKER_HOST", "unix://" + socket);
		this.env.put("DCF_REQUIRE", "docker");

		ConditionEvaluationResult result = condition().evaluate();

		assertThat(result.isDisabled()).isFalse();
		assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("GET /_ping HTTP/1.");
	}

	@Test
	void errorStatusCountsAsNotReachable() throws Exception {
		Path socket = this.dir.resolve("docker.sock");
		serve(socket, "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n");
		this.env.put("DOCKER_HOST", "unix://" + socket);

		ConditionEvaluationResult result = condition().evaluate();

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason).contains("500"));
	}

	@Test
	void silentDaemonTimesOutInsteadOfHanging() throws Exception {
		Path socket = this.dir.resolve("docker.sock");
		this.fakeDaemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.fakeDaemon.bind(UnixDomainSocketAddress.of(socket));
		this.env.put("DOCKER_HOST", "unix://" + socket);

		ConditionEvaluationResult result = new DockerAvailableCondition(this.env::get, Duration.ofMillis(300))
			.evaluate();

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValueSatisfying((reason) -> assertThat(reason).contains("no answer"));
	}

	@Test
	void usesTheDefaultSocketUnlessDockerHostIsAUnixSocket() {
		assertThat(condition().socketPath()).isEqualTo(Path.of("/var/run/docker.sock"));

		this.env.put("DOCKER_HOST", "tcp://127.0.0.1:2375");
		assertThat(condition().socketPath()).isEqualTo(Path.of("/var/run/docker.sock"));

		this.env.put("DOCKER_HOST", "unix:///run/user/1000/docker.sock");
		assertThat(condition().socketPath()).isEqualTo(Path.of("/run/user/1000/docker.sock"));
	}

	@Test
	void annotationRegistersTheCondition() {
		ExtendWith extendWith = RequiresDocker.class.getAnnotation(ExtendWith.class);

		assertThat(extendWith.value()).containsExactly(DockerAvailableCondition.class);
	}

	private DockerAvailableCondition condition() {
		return new DockerAvailableCondition(this.env::get, Duration.ofSeconds(2));
	}

	/** A one-shot fake daemon: answers the first request with {@code response}. */
	private CompletableFuture<String> serve(Path socket, String response) throws IOException {
		this.fakeDaemon = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		this.fakeDaemon.bind(UnixDomainSocketAddress.of(socket));
		ServerSocketChannel server = this.fakeDaemon;
		return CompletableFuture.supplyAsync(() -> {
			try (SocketChannel client = server.accept()) {
				ByteBuffer buffer = ByteBuffer.allocate(1024);
				String request = "";
				while (!request.contains("\r\n\r\n") && client.read(buffer) >= 0) {
					request = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
				}
				client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
				return request;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

}
