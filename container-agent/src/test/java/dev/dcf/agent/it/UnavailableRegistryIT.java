package dev.dcf.agent.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.avro.StartFailure;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registry that answers with server errors is tried again with back-off before the job
 * fails with the registry's reason, and one that then refuses the image ends the retries.
 * The registry is a tiny fake on a free 127.0.0.1 port (Docker treats 127.0.0.0/8 as an
 * insecure registry, so plain HTTP works and nothing leaves the machine); the pulls are
 * the real daemon's.
 */
@RequiresDocker
class UnavailableRegistryIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final TestTopics topics = TestTopics.unique();

	private final String agentId = "it-flaky-" + UUID.randomUUID().toString().substring(0, 8);

	private final DockerInspector docker = new DockerInspector();

	private FakeRegistry registry;

	private TestAgent agent;

	private Instructions instructions;

	private Collector<JobStatus> jobStatus;

	@BeforeEach
	void setUp() {
		this.registry = new FakeRegistry();
		this.instructions = new Instructions(this.topics.instructions());
		this.jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.agent.id", this.agentId);
		settings.put("dcf.agent.allowed-images", this.registry.host() + "/dcf-test/**");
		settings.put("dcf.agent.pull-timeout", "60s");
		this.agent = TestAgent.start(this.topics, settings);
	}

	@AfterEach
	void tearDown() {
		if (this.agent != null) {
			this.agent.close();
		}
		this.registry.close();
		this.instructions.close();
		this.jobStatus.close();
		this.docker.removeAllOf(this.agentId);
		this.docker.close();
	}

	@Test
	void aRegistryAnsweringServiceUnavailableIsTriedThreeTimesThenTheStartFailsWithItsReason() {
		this.registry.unavailablePulls.set(Integer.MAX_VALUE);
		String jobId = Instructions.newJobId();
		String image = this.registry.host() + "/dcf-test/gen:1";

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));

		JobStatus failed = this.jobStatus
			.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.START_FAILED, WAIT);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason()).startsWith("cannot pull image '" + image + "': registry failed to serve image")
			.contains("503 Service Unavailable")
			.contains("(gave up after 3 attempts in ");
		assertThat(this.registry.pings()).as("requests: %s", this.registry.requests()).isGreaterThanOrEqualTo(3);
		// the handler heard that the agent was at it
		assertThat(this.jobStatus.values()).filteredOn((s) -> s.getJobId().equals(jobId))
			.extracting(JobStatus::getKind)
			.startsWith(JobStatusKind.PULLING)
			.endsWith(JobStatusKind.START_FAILED);
		assertThat(this.docker.withLabel("dcf.job-id", jobId)).isEmpty();
	}

	@Test
	void aRegistryThatRecoversButDoesNotKnowTheImageEndsTheRetriesWithNotFound() {
		// the first pull meets 503s, the second one a 404
		this.registry.unavailablePulls.set(1);
		String jobId = Instructions.newJobId();
		String image = this.registry.host() + "/dcf-test/gen:1";

		this.instructions.send(Instructions.create(this.agentId, jobId, 1, image, 1, Map.of()));

		JobStatus failed = this.jobStatus
			.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.START_FAILED, WAIT);
		assertThat(failed.getFailure()).isEqualTo(StartFailure.IMAGE_UNAVAILABLE);
		assertThat(failed.getReason()).contains("not found locally and could not be pulled")
			.doesNotContain("gave up after");
		assertThat(this.registry.pings()).as("requests: %s", this.registry.requests()).isEqualTo(2);
	}

	/**
	 * Answers every request of the first {@code unavailablePulls} pulls (a pull begins
	 * with {@code GET /v2/}) with 503; later ones get 200 for {@code /v2/} and 404
	 * (manifest unknown) for everything else: a registry that does not have the image.
	 * Plain HTTP/1.1, one request per connection; a TLS hello (the daemon tries HTTPS
	 * first) is hung up on at once, so the daemon falls back to HTTP without waiting.
	 */
	static final class FakeRegistry implements AutoCloseable {

		final AtomicInteger unavailablePulls = new AtomicInteger();

		private final AtomicInteger pings = new AtomicInteger();

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final ServerSocket server;

		FakeRegistry() {
			try {
				this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread thread = new Thread(this::serve, "fake-registry");
			thread.setDaemon(true);
			thread.start();
		}

		String host() {
			return "localhost:" + this.server.getLocalPort();
		}

		List<String> requests() {
			return List.copyOf(this.requests);
		}

		int pings() {
			return this.pings.get();
		}

		private void serve() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					socket.setSoTimeout(5000);
					answer(socket);
				}
				catch (IOException ex) {
					// closed, or a client that went away
				}
			}
		}

		private void answer(Socket socket) throws IOException {
			InputStream in = new BufferedInputStream(socket.getInputStream());
			in.mark(1);
			if (in.read() == 0x16) {
				// TLS handshake: no HTTPS here
				return;
			}
			in.reset();
			String requestLine = readLine(in);
			while (!readLine(in).isEmpty()) {
				// headers: a pull sends no body
			}
			String[] parts = requestLine.split(" ");
			if (parts.length < 2) {
				return;
			}
			String method = parts[0];
			String path = parts[1];
			this.requests.add(method + " " + path);
			boolean ping = path.equals("/v2/") || path.equals("/v2");
			int pull = ping ? this.pings.incrementAndGet() : this.pings.get();
			if (pull <= this.unavailablePulls.get()) {
				send(socket, method, "503 Service Unavailable",
						"{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}");
			}
			else if (ping) {
				send(socket, method, "200 OK", "{}");
			}
			else {
				send(socket, method, "404 Not Found",
						"{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");
			}
		}

		private static String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		private static void send(Socket socket, String method, String status, String body) throws IOException {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n"
					+ "Docker-Distribution-Api-Version: registry/2.0\r\nContent-Length: " + bytes.length
					+ "\r\nConnection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			if (!method.equals("HEAD")) {
				out.write(bytes);
			}
			out.flush();
		}

		@Override
		public void close() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// closing
			}
		}

	}

}
