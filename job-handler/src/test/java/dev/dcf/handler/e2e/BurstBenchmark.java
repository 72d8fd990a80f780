package dev.dcf.handler.e2e;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

/**
 * The burst (issue 15), for docs/benchmarks.md; not a test, nothing is asserted. One JVM:
 * the embedded broker and registry, the handler (H2 file database in a fresh directory)
 * and one agent on the local dockerd. N jobs of one sleeper container are submitted at
 * once ({@code POST /api/jobs} with {@code "start": true}, 16 client threads) and the
 * time until all are RUNNING is taken; next to it, in the same run, N sequential raw
 * Docker API create+start of the same image. Argument: {@code [jobs]} (default 100).
 */
public final class BurstBenchmark {

	private static final Duration WAIT = Duration.ofMinutes(10);

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "bench-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	private final BenchLogin login;

	private BurstBenchmark(int port) {
		this.login = new BenchLogin(this.http, port, PASSWORD);
	}

	public static void main(String[] args) {
		// the agent's and the broker's threads would keep the JVM alive after a failure
		int status = 0;
		try {
			run(args);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		System.exit(status);
	}

	private static void run(String[] args) throws Exception {
		int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 100;
		TestImages.ensureBuilt();
		TestTopics topics = TestTopics.unique("burst");
		Path dataDir = Files.createTempDirectory("dcf-burst-bench");
		Map<String, String> agentProperties = new LinkedHashMap<>(
				Map.of("dcf.agent.heartbeat-interval", "5s", "dcf.agent.stop-timeout", "10s",
						"dcf.agent.max-containers", String.valueOf(jobs + 10), "dcf.agent.max-poll-interval", "6h"));
		// e.g. BENCH_AGENT_PROPERTIES="dcf.agent.stats-interval=1h": what a setting costs
		BenchSettings.fromEnv("BENCH_AGENT_PROPERTIES", agentProperties);
		TestAgent agent = Agents.start("burst", topics, Map.of("burst", "yes"), agentProperties);
		List<String> handlerArgs = new ArrayList<>(
				List.of("--server.port=0", "--spring.main.banner-mode=off", "--dcf.data-dir=" + dataDir,
						"--dcf.security.admin-password=" + PASSWORD, "--logging.level.dev.dcf=warn"));
		topics.handlerProperties().forEach((name, value) -> handlerArgs.add("--" + name + "=" + value));
		ConfigurableApplicationContext handler = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(handlerArgs.toArray(String[]::new));
		String row;
		double raw;
		try (Docker docker = new Docker()) {
			BurstBenchmark bench = new BurstBenchmark(((WebServerApplicationContext) handler).getWebServer().getPort());
			bench.login.createToken("burst-bench");
			bench.awaitAgent(agent.id());
			raw = RawDockerBaseline.sequentialCreateStartSeconds(jobs, 100_000_000L);
			long start = System.nanoTime();
			List<String> ids = bench.submitAll(jobs);
			bench.awaitAllRunning(ids);
			double burst = (System.nanoTime() - start) / 1e9;
			row = String.format(Locale.ROOT, "| %d | %.1f s | %.1f s | %.2f× |", jobs, burst, raw, burst / raw);
			for (String id : ids) {
				bench.post("/api/jobs/" + id + "/stop", null);
			}
			Thread.sleep(15_000);
			docker.removeAllOf(agent.id());
		}
		finally {
			agent.close();
			handler.close();
		}
		System.out.println();
		System.out.println("Burst benchmark (" + Runtime.getRuntime().availableProcessors()
				+ " CPUs, handler and agent in one JVM, H2 file database)");
		System.out.println("| jobs | submitted at once -> all RUNNING | raw sequential create+start | ratio |");
		System.out.println("|---|---|---|---|");
		System.out.println(row);
	}

	private List<String> submitAll(int jobs) throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", "burst", "image", TestImages.SLEEPER, "topic",
				"burst-data", "containers", 1, "cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 600,
				"agentLabels", Map.of("burst", "yes"), "start", true));
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<Future<String>> created = new ArrayList<>();
			for (int i = 0; i < jobs; i++) {
				created.add(clients.submit(() -> JSON.readTree(post("/api/jobs", body)).path("id").asText()));
			}
			List<String> ids = new ArrayList<>();
			for (Future<String> id : created) {
				ids.add(id.get());
			}
			return ids;
		}
		finally {
			clients.shutdown();
		}
	}

	private void awaitAllRunning(List<String> ids) throws Exception {
		Set<String> waiting = new HashSet<>(ids);
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!waiting.isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(waiting.size() + " jobs not RUNNING in time");
			}
			for (String id : List.copyOf(waiting)) {
				String state = get("/api/jobs/" + id).path("state").asText();
				if ("RUNNING".equals(state)) {
					waiting.remove(id);
				}
				else if ("FAILED".equals(state)) {
					throw new IllegalStateException("job " + id + " FAILED");
				}
			}
			Thread.sleep(20);
		}
	}

	private void awaitAgent(String agentId) throws Exception {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!"HEALTHY".equals(get("/api/agents/" + agentId).path("status").asText())) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("agent " + agentId + " not HEALTHY");
			}
			Thread.sleep(50);
		}
	}

	private String post(String path, String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path);
		if (body != null) {
			request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
		}
		else {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(
					"POST " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request(path).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return (response.statusCode() == 200) ? JSON.readTree(response.body()) : JSON.createObjectNode();
	}

	private HttpRequest.Builder request(String path) {
		return this.login.request(path);
	}

}
