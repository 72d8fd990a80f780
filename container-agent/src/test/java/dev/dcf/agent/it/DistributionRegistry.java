package dev.dcf.agent.it;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.dcf.testsupport.RequiresDocker;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.dcf.testsupport.RequiredTools;

/**
 * {@code docker-registry serve} on 127.0.0.1 with htpasswd authentication, storage and
 * log under {@code target/private-registry-<port>/}.
 */
final class DistributionRegistry {

	private static final String BINARY = "docker-registry";

	private final Process process;

	private final int port;

	private final Path log;

	private DistributionRegistry(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	static DistributionRegistry start(Path binary, String username, String password) throws IOException {
		int port = freePort();
		Path dir = Path.of("target", "private-registry-" + port).toAbsolutePath();
		Files.createDirectories(dir.resolve("storage"));
		Path htpasswd = dir.resolve("htpasswd");
		Files.writeString(htpasswd, username + ":" + new BCryptPasswordEncoder().encode(password) + "\n");
		Path config = dir.resolve("config.yml");
		Files.writeString(config, """
				version: 0.1
				log:
				  level: info
				storage:
				  filesystem:
				    rootdirectory: "%s"
				http:
				  addr: 127.0.0.1:%d
				  secret: "%s"
				auth:
				  htpasswd:
				    realm: dcf-test
				    path: "%s"
				""".formatted(dir.resolve("storage"), port, UUID.randomUUID(), htpasswd));
		Path log = dir.resolve("registry.log");
		Process process = new ProcessBuilder(binary.toString(), "serve", config.toString()).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		DistributionRegistry registry = new DistributionRegistry(process, port, log);
		try {
			registry.awaitAuthenticating(Duration.ofSeconds(15));
		}
		catch (RuntimeException ex) {
			registry.stop();
			throw ex;
		}
		return registry;
	}

	/** {@code localhost:<port>}: how images name it and how logins are keyed. */
	String host() {
		return "localhost:" + this.port;
	}

	Path log() {
		return this.log;
	}

	/** Waits until {@code /v2/} answers 401: up, and asking for a login. */
	private void awaitAuthenticating(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v2/"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"docker-registry exited with code " + this.process.exitValue() + "; its log:\n" + readLog());
			}
			try {
				HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 401) {
					return;
				}
				last = "HTTP " + response.statusCode();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(Duration.ofMillis(100));
		}
		throw new IllegalStateException("docker-registry on port " + this.port + " did not answer 401 on /v2/ within "
				+ timeout.toSeconds() + " s (last: " + last + "); its log:\n" + readLog());
	}

	void stop() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String readLog() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code docker-registry} binary on the {@code PATH}. */
	static Optional<Path> binary() {
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
		for (String dir : path.split(File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, BINARY))) {
				return Optional.of(Path.of(dir, BINARY));
			}
		}
		return Optional.empty();
	}

	/**
	 * Without the {@code docker-registry} binary, disables the tests with a message
	 * saying so, or fails them when {@code DCF_REQUIRE} names docker (the policy of
	 * {@link RequiresDocker}).
	 */
	static final class BinaryCondition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			Optional<Path> binary = binary();
			if (binary.isPresent()) {
				return ConditionEvaluationResult.enabled(BINARY + " found at " + binary.get());
			}
			String problem = BINARY + " (Docker Distribution, Debian package docker-registry) is not on the PATH";
			return RequiredTools.fromEnvironment()
				.missing(RequiredTools.Tool.DOCKER, problem + " (apt-get install docker-registry; .ci/run does)");
		}

	}

}
