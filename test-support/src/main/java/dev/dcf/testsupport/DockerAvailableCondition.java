package dev.dcf.testsupport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The condition behind {@link RequiresDocker}: pings the Docker daemon on its unix
 * socket; when it does not answer, disables the tests, or fails them if
 * {@code DCF_REQUIRE} names docker ({@link RequiredTools}).
 */
public final class DockerAvailableCondition implements ExecutionCondition {

	static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final UnaryOperator<String> environment;

	private final Duration timeout;

	/** Used by JUnit: reads the real environment. */
	public DockerAvailableCondition() {
		this(System::getenv, TIMEOUT);
	}

	DockerAvailableCondition(UnaryOperator<String> environment, Duration timeout) {
		this.environment = environment;
		this.timeout = timeout;
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		return evaluate();
	}

	/**
	 * @return enabled if the daemon answered, else disabled with the reason
	 * @throws IllegalStateException if it did not answer and docker is required
	 */
	ConditionEvaluationResult evaluate() {
		Path socket = socketPath();
		String problem = ping(socket);
		if (problem == null) {
			return ConditionEvaluationResult.enabled("Docker daemon answered at " + socket);
		}
		return RequiredTools.from(this.environment)
			.missing(RequiredTools.Tool.DOCKER, "Docker daemon not reachable at " + socket + " (" + problem
					+ "): start dockerd (or point DOCKER_HOST at its unix socket) to run these tests");
	}

	/** {@code DOCKER_HOST} when it names a unix socket, else the default socket. */
	Path socketPath() {
		String dockerHost = this.environment.apply("DOCKER_HOST");
		if (dockerHost != null && dockerHost.startsWith("unix://")) {
			return Path.of(dockerHost.substring("unix://".length()));
		}
		return DEFAULT_SOCKET;
	}

	/**
	 * @return null if the daemon answered 200 to {@code GET /_ping}, else what went wrong
	 */
	private String ping(Path socket) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
				Selector selector = Selector.open()) {
			channel.connect(UnixDomainSocketAddress.of(socket));
			channel.configureBlocking(false);
			ByteBuffer request = ByteBuffer
				.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			while (request.hasRemaining()) {
				channel.write(request);
			}
			channel.register(selector, SelectionKey.OP_READ);
			ByteBuffer response = ByteBuffer.allocate(512);
			while (response.hasRemaining()) {
				long left = (deadline - System.nanoTime()) / 1_000_000;
				if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= deadline) {
					return "no answer within " + this.timeout.toMillis() + " ms";
				}
				selector.selectedKeys().clear();
				if (channel.read(response) < 0) {
					break;
				}
				if (statusLine(response) != null) {
					break;
				}
			}
			String status = statusLine(response);
			if (status == null) {
				return "no HTTP answer";
			}
			return status.matches("HTTP/1\\.[01] 200\\b.*") ? null : "answered " + status;
		}
		catch (IOException | RuntimeException ex) {
			return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
	}

	private static String statusLine(ByteBuffer response) {
		String text = new String(response.array(), 0, response.position(), StandardCharsets.US_ASCII);
		int end = text.indexOf("\r\n");
		return (end < 0) ? null : text.substring(0, end);
	}

}
