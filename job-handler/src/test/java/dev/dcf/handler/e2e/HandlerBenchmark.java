package dev.dcf.handler.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.testsupport.TestImages;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import dev.dcf.testsupport.RawDockerBaseline;
import dev.dcf.agent.testing.TestAgent;

import static dev.dcf.testsupport.RawDockerBaseline.row;

/**
 * Measures the handler for the issue note; not a test, nothing is asserted. One JVM: the
 * embedded broker and registry, the handler (its defaults, H2 file database in a fresh
 * directory) and one agent (its defaults: heartbeat every 5 s), on the local dockerd.
 *
 * <ol>
 * <li>REST submit to RUNNING: {@code POST /api/jobs} with {@code "start": true}, one
 * sleeper container, until {@code GET /api/jobs/{id}} says RUNNING (polled every 10 ms);
 * median of N jobs, each stopped before the next. Also the handler's own view of it
 * ({@code startedAt - createdAt}).</li>
 * <li>The raw Docker API create+start of the same image (docker-java) in the same
 * run.</li>
 * <li>LOST detection: the agent's context is closed (its last heartbeat says STOPPING),
 * then the time until the handler shows the agent LOST, against
 * {@code dcf.handler.agent-restart-grace} (default 60 s: a cleanly stopped agent is
 * waited for longer than a silent one).</li>
 * </ol>
 * Argument: {@code [runs]} (default 20).
 */
public final class HandlerBenchmark {

	private static final Duration WAIT = Duration.ofSeconds(120);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "bench-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	private final BenchLogin login;

	private HandlerBenchmark(int port) {
		this.login = new BenchLogin(this.http, port, PASSWORD);
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		TestImages.ensureBuilt();
		TestTopics topics = TestTopics.unique("bench");
		Path dataDir = Files.createTempDirectory("dcf-handler-bench");
		TestAgent agent = Agents.start("bench", topics, Map.of("bench", "yes"),
				Map.of("dcf.agent.heartbeat-interval", "5s", "dcf.agent.stop-timeout", "10s"));
		List<String> args2 = new ArrayList<>(
				List.of("--server.port=0", "--spring.main.banner-mode=off", "--dcf.data-dir=" + dataDir,
						"--dcf.security.admin-password=" + PASSWORD, "--logging.level.dev.dcf=warn"));
		topics.handlerProperties().forEach((name, value) -> args2.add("--" + name + "=" + value));
		ConfigurableApplicationContext handler = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(args2.toArray(String[]::new));
		List<String> rows = new ArrayList<>();
		try (Docker docker = new Docker()) {
			HandlerBenchmark bench = new HandlerBenchmark(
					((WebServerApplicationContext) handler).getWebServer().getPort());
			bench.await("agent " + agent.id() + " HEALTHY", () -> bench.get("/api/agents/" + agent.id()),
					(json) -> "HEALTHY".equals(json.path("status").asText()));
			bench.login.createToken("handler-bench");
			for (int i = 0; i < 3; i++) {
				bench.submitToRunning(false);
				bench.submitToRunning(true);
			}
			// the two kinds of client alternate, so both see the same machine
			List<Double> basicClient = new ArrayList<>();
			List<Double> basicServer = new ArrayList<>();
			List<Double> tokenClient = new ArrayList<>();
			List<Double> tokenServer = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				double[] basic = bench.submitToRunning(false);
				basicClient.add(basic[0]);
				basicServer.add(basic[1]);
				double[] waited = bench.submitToRunning(true);
				tokenClient.add(waited[0]);
				tokenServer.add(waited[1]);
			}
			List<Double> raw = RawDockerBaseline.createStartMillis(runs, 100_000_000L);
			rows.add(row("REST submit -> RUNNING seen by the client, HTTP Basic, polling every 10 ms", basicClient,
					"ms"));
			rows.add(
					row("REST submit -> RUNNING in the handler (startedAt - createdAt), same jobs", basicServer, "ms"));
			rows.add(row("REST submit -> RUNNING seen by the client, API token, GET ?waitFor=RUNNING", tokenClient,
					"ms"));
			rows.add(
					row("REST submit -> RUNNING in the handler (startedAt - createdAt), same jobs", tokenServer, "ms"));
			rows.add(row("raw Docker API create+start, 1 container (docker-java)", raw, "ms"));

			Thread.sleep(6000);
			long closed = System.nanoTime();
			agent.close();
			bench.await("agent LOST", () -> bench.get("/api/agents/" + agent.id()),
					(json) -> "LOST".equals(json.path("status").asText()));
			double lost = (System.nanoTime() - closed) / 1e9;
			rows.add(String.format(Locale.ROOT,
					"| agent stopped cleanly (last heartbeat STOPPING) -> LOST, agent-restart-grace 60 s | %.1f s | | | 1 |",
					lost));
			docker.removeAllOf(agent.id());
		}
		finally {
			agent.close();
			handler.close();
		}
		System.out.println();
		System.out.println("Handler benchmark (" + runs + " jobs, " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, handler and agent in one JVM, H2 file database)");
		System.out.println("| measurement | median | min | max | n |");
		System.out.println("|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.exit(0);
	}

	/**
	 * One job of one sleeper container: submitted, awaited RUNNING, stopped and awaited
	 * COMPLETED.
	 * @param tokenAndWait as a script should: with the API token, waiting for the state
	 * with {@code ?waitFor=}; else with HTTP Basic (a bcrypt check per call), polling
	 * @return client-observed and handler-side milliseconds from submit to RUNNING
	 */
	private double[] submitToRunning(boolean tokenAndWait) throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", "bench", "image", TestImages.SLEEPER, "topic",
				"bench-data", "containers", 1, "cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 600,
				"agentLabels", Map.of("bench", "yes"), "start", true));
		long start = System.nanoTime();
		HttpResponse<String> created = this.http
			.send(request("/api/jobs", tokenAndWait).POST(HttpRequest.BodyPublishers.ofString(body))
				.header("Content-Type", "application/json")
				.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException("POST /api/jobs answered " + created.statusCode() + ": " + created.body());
		}
		String id = JSON.readTree(created.body()).path("id").asText();
		JsonNode running = tokenAndWait ? waitFor(id, "RUNNING") : await("job " + id + " RUNNING",
				() -> get("/api/jobs/" + id), (json) -> "RUNNING".equals(json.path("state").asText()));
		double client = (System.nanoTime() - start) / 1e6;
		double server = Duration
			.between(Instant.parse(running.path("createdAt").asText()),
					Instant.parse(running.path("startedAt").asText()))
			.toNanos() / 1e6;
		this.http.send(
				request("/api/jobs/" + id + "/stop", tokenAndWait).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.ofString());
		waitFor(id, "COMPLETED");
		return new double[] { client, server };
	}

	/**
	 * The job once it is in the state: one long-polling request, again if it timed out.
	 */
	private JsonNode waitFor(String id, String state) throws Exception {
		return await("job " + id + " " + state,
				() -> get("/api/jobs/" + id + "?waitFor=" + state + "&timeout=30s", true),
				(json) -> state.equals(json.path("state").asText()));
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return get(path, false);
	}

	private JsonNode get(String path, boolean withToken) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(path, withToken).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.createObjectNode();
	}

	private HttpRequest.Builder request(String path, boolean withToken) {
		return withToken ? this.login.bearer(path) : this.login.basic(path);
	}

	private JsonNode await(String what, Fetch fetch, Predicate<JsonNode> done) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode json = fetch.get();
			if (done.test(json)) {
				return json;
			}
			Thread.sleep(10);
		}
		throw new IllegalStateException("Timed out waiting for " + what);
	}

	@FunctionalInterface
	private interface Fetch {

		JsonNode get() throws Exception;

	}

}
