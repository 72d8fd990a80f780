package dev.dcf.handler.live;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * STOMP at {@code /ws} with a real websocket client against the handler on a random port:
 * who may connect, what a client may subscribe to and send, and what it receives when a
 * job changes.
 */
// own topics and database: never reused, so closed after the class
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret" })
class LiveUpdatesIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Actor ADMIN = new Actor("admin", true);

	private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JobService jobs;

	private WebSocketStompClient stomp;

	private final BlockingQueue<String> errors = new LinkedBlockingQueue<>();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("live-updates-it");
		registry.add("dcf.data-dir", dataDir::toString);
		// management topics of its own on the shared broker: no other
		// test's agents or handler
		TestTopics.unique("live").handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void client() {
		this.stomp = new WebSocketStompClient(new StandardWebSocketClient());
		this.stomp.setMessageConverter(new JacksonJsonMessageConverter());
	}

	@AfterEach
	void stop() {
		this.stomp.stop();
	}

	@Test
	void handshakeWithoutALoginIsRefused() {
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> connect(new WebSocketHttpHeaders(), new StompHeaders()));
	}

	@Test
	void connectWithoutTheCsrfTokenIsRefused() throws Exception {
		Login login = login();
		StompSession session = connectOrNull(login.headers(), new StompHeaders());
		if (session != null) {
			// the server answers CONNECT with an ERROR frame and closes the socket
			assertThat(this.errors.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
			awaitDisconnected(session);
		}
	}

	@Test
	void aJobChangeReachesBothJobTopicsAsSmallJson() throws Exception {
		StompSession session = connect(login());
		BlockingQueue<Map<String, Object>> all = subscribe(session, "/topic/jobs");
		Job job = this.jobs.create(request(), "admin");
		assertThat(next(all)).containsEntry("type", "state")
			.containsEntry("jobId", job.getId())
			.containsEntry("from", null)
			.containsEntry("to", "CREATED")
			.containsEntry("runNumber", 1)
			.containsKey("at");
		BlockingQueue<Map<String, Object>> one = subscribe(session, "/topic/jobs/" + job.getId());

		this.jobs.start(job.getId(), ADMIN);
		assertThat(next(one)).containsEntry("from", "CREATED").containsEntry("to", "DEPLOYING");
		assertThat(next(all)).containsEntry("jobId", job.getId()).containsEntry("to", "DEPLOYING");

		this.jobs.stop(job.getId(), ADMIN);
		this.jobs.delete(job.getId(), ADMIN);
		assertThat(next(one)).containsEntry("to", "COMPLETED");
		assertThat(next(one)).containsEntry("type", "deleted").containsEntry("jobId", job.getId());
		assertThat(this.errors).isEmpty();
	}

	@Test
	void subscribingToAnyOtherDestinationIsRefused() throws Exception {
		StompSession session = connect(login());
		session.subscribe("/topic/secrets", new Frames(new LinkedBlockingQueue<>()));
		assertThat(this.errors.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		awaitDisconnected(session);
	}

	@Test
	void sendingToTheBrokerIsRefused() throws Exception {
		StompSession session = connect(login());
		session.send("/topic/jobs", Map.of("type", "deleted", "jobId", "forged"));
		assertThat(this.errors.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		awaitDisconnected(session);
	}

	@Test
	void sendingToTheApplicationIsRefused() throws Exception {
		StompSession session = connect(login());
		session.send("/app/jobs/start", Map.of());
		assertThat(this.errors.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
		awaitDisconnected(session);
	}

	private StompSession connect(Login login) throws Exception {
		StompHeaders connect = new StompHeaders();
		connect.add("X-CSRF-TOKEN", login.csrfToken());
		return connect(login.headers(), connect);
	}

	private StompSession connect(WebSocketHttpHeaders headers, StompHeaders connect) throws Exception {
		CompletableFuture<StompSession> future = this.stomp.connectAsync("ws://localhost:" + this.port + "/ws", headers,
				connect, new Errors(this.errors));
		return future.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Connects; {@code null} if the server already refused the handshake or CONNECT. */
	private StompSession connectOrNull(WebSocketHttpHeaders headers, StompHeaders connect) throws Exception {
		try {
			return connect(headers, connect);
		}
		catch (ExecutionException ex) {
			return null;
		}
	}

	private BlockingQueue<Map<String, Object>> subscribe(StompSession session, String destination)
			throws InterruptedException {
		BlockingQueue<Map<String, Object>> messages = new LinkedBlockingQueue<>();
		session.subscribe(destination, new Frames(messages));
		// SUBSCRIBE travels asynchronously; give the broker a moment to register it
		Thread.sleep(200);
		return messages;
	}

	private static Map<String, Object> next(BlockingQueue<Map<String, Object>> messages) throws InterruptedException {
		Map<String, Object> message = messages.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		assertThat(message).as("a message within " + TIMEOUT).isNotNull();
		return message;
	}

	private static void awaitDisconnected(StompSession session) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (session.isConnected() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(session.isConnected()).as("the server closed the session").isFalse();
	}

	/**
	 * Logs in through the login form and reads the masked CSRF token from a page, as the
	 * browser does.
	 */
	private Login login() throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		String base = "http://localhost:" + this.port;
		String loginPage = http
			.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher field = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(field.find()).isTrue();
		String form = "username=admin&password=admin-secret&_csrf=" + field.group(1);
		HttpResponse<String> jobsPage = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher meta = CSRF_META.matcher(jobsPage.body());
		assertThat(meta.find()).as("logged in: the jobs page carries the token").isTrue();
		String cookies = http.cookieHandler()
			.orElseThrow()
			.get(URI.create(base + "/ws"), Map.of())
			.getOrDefault("Cookie", java.util.List.of())
			.stream()
			.findFirst()
			.orElseThrow();
		WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
		headers.add("Cookie", cookies);
		return new Login(headers, meta.group(1));
	}

	private static JobRequest request() {
		return new JobRequest("live-it", null, "dcf/sample-generator:latest", null, "live-it", 1, 0.5, 256, 60L, null,
				Map.of(), Map.of("live-it", "nowhere"), false);
	}

	private record Login(WebSocketHttpHeaders headers, String csrfToken) {
	}

	private record Frames(BlockingQueue<Map<String, Object>> messages) implements StompFrameHandler {

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return Map.class;
		}

		@Override
		@SuppressWarnings("unchecked")
		public void handleFrame(StompHeaders headers, Object payload) {
			this.messages.add((Map<String, Object>) payload);
		}

	}

	/** Collects ERROR frames and transport errors. */
	private static final class Errors extends StompSessionHandlerAdapter {

		private final BlockingQueue<String> errors;

		Errors(BlockingQueue<String> errors) {
			this.errors = errors;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			this.errors.add("ERROR " + headers.getFirst("message"));
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.errors.add("transport " + exception);
		}

	}

}
