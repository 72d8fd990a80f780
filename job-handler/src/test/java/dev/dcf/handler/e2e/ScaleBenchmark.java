package dev.dcf.handler.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.testsupport.TestTopics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The scale benchmark of {@code scripts/bench-scale.sh}; not a test, nothing is asserted.
 * One JVM: the embedded broker and registry, the handler (H2 file database in a fresh
 * directory, or the database given by {@code spring.datasource.*} system properties) and
 * N hollow agents (containers simulated, heartbeat every 5 s). Jobs of one container each
 * are submitted through the REST API with an API token, in steps up to each total, and at
 * each total it prints: the placement rate (first submit of the step to all of them
 * RUNNING), the handler's heartbeat cost (CPU of its agent-status listener thread per
 * heartbeat round at steady state) and the p50/p95 of the jobs page and of
 * {@code GET /api/jobs}. Totals above the running jobs' maximum are filled with jobs that
 * are created but not started (a big table, as months of finished jobs make it).
 *
 * <p>
 * Arguments: {@code agents runningTotals [filledTotals]}, e.g. {@code 100 1000,5000,10000
 * 50000}.
 */
public final class ScaleBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "bench-secret";

	private static final int HEARTBEAT_SECONDS = 5;

	private static final int ROUNDS = 4;

	private static final int REQUESTS = 60;

	private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

	private final BenchLogin login;

	private final String label = "s" + UUID.randomUUID().toString().substring(0, 6);

	private final List<String> rows = new ArrayList<>();

	private ScaleBenchmark(int port) {
		this.login = new BenchLogin(this.http, port, PASSWORD);
	}

	public static void main(String[] args) throws Exception {
		int agentCount = Integer.parseInt(args[0]);
		int[] running = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
		int[] filled = (args.length > 2) ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray()
				: new int[0];
		int maxRunning = running[running.length - 1];
		TestTopics topics = TestTopics.unique("scale");
		Path dataDir = Files.createTempDirectory("dcf-scale-bench");
		List<String> handlerArgs = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--dcf.data-dir=" + dataDir, "--dcf.security.admin-password=" + PASSWORD,
				"--logging.level.dev.dcf=warn", "--dcf.handler.placement-timeout=10m",
				"--dcf.handler.deploy-timeout=10m", "--dcf.handler.limits.max-duration=30d"));
		Map<String, String> handlerProperties = new LinkedHashMap<>(topics.handlerProperties());
		// e.g. BENCH_HANDLER_PROPERTIES="dcf.kafka.run-principals.enabled=false": what a
		// setting costs
		BenchSettings.fromEnv("BENCH_HANDLER_PROPERTIES", handlerProperties);
		handlerProperties.forEach((name, value) -> handlerArgs.add("--" + name + "=" + value));
		ConfigurableApplicationContext handler = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(handlerArgs.toArray(String[]::new));
		ScaleBenchmark bench = new ScaleBenchmark(((WebServerApplicationContext) handler).getWebServer().getPort());
		bench.login.createToken("scale-bench");
		long heapBefore = usedHeapAfterGc();
		long startedAgents = System.nanoTime();
		HollowFleet fleet = HollowFleet.start(agentCount, bench.label, topics,
				maxRunning / agentCount + maxRunning % agentCount + 10, BenchSettings.fromEnv("BENCH_AGENT_PROPERTIES",
						new LinkedHashMap<>(Map.of("dcf.agent.heartbeat-interval", HEARTBEAT_SECONDS + "s"))));
		double agentStart = (System.nanoTime() - startedAgents) / 1e9;
		long heapPerAgent = (usedHeapAfterGc() - heapBefore) / agentCount;
		System.out.printf(Locale.ROOT, "%d hollow agents started in %.1f s, heap per agent %.1f MB%n", agentCount,
				agentStart, heapPerAgent / 1e6);
		List<String> cpu = new ArrayList<>();
		try {
			bench.login.awaitHealthyAgents(bench.label, agentCount);
			int total = 0;
			bench.rows.add("| jobs in table | running (containers) | placement | heartbeat round: handler CPU "
					+ "| % of one core | jobs page p50 / p95 | GET /api/jobs p50 / p95 |");
			bench.rows.add("|---|---|---|---|---|---|---|");
			for (int target : running) {
				int step = target - total;
				long start = System.nanoTime();
				ThreadCpu before = ThreadCpu.now();
				bench.submit(step, true);
				bench.login.awaitRunning(target, Duration.ofMinutes(20));
				double seconds = (System.nanoTime() - start) / 1e9;
				if (cpu.isEmpty()) {
					cpu.addAll(ThreadCpu.now().since(before, step, 15));
				}
				total = target;
				bench.measure(total, target,
						String.format(Locale.ROOT, "%d jobs in %.1f s = %.0f jobs/s", step, seconds, step / seconds));
			}
			for (int target : filled) {
				bench.submit(target - total, false);
				total = target;
				bench.measure(total, maxRunning, "(created, not started)");
			}
		}
		finally {
			System.out.println();
			System.out.printf(Locale.ROOT,
					"Scale benchmark: %d hollow agents (heartbeat %d s) and the handler in one JVM, %d CPUs, %s%n",
					agentCount, HEARTBEAT_SECONDS, Runtime.getRuntime().availableProcessors(),
					handler.getEnvironment().getProperty("spring.datasource.url"));
			System.out.printf(Locale.ROOT, "hollow agents: started in %.1f s, heap %.1f MB each%n%n", agentStart,
					heapPerAgent / 1e6);
			bench.rows.forEach(System.out::println);
			if (!cpu.isEmpty()) {
				System.out.printf(Locale.ROOT,
						"%nWhere the CPU of the first step (%d jobs, submit to RUNNING) went:%n%n", running[0]);
				cpu.forEach(System.out::println);
			}
			fleet.close();
			handler.close();
		}
		System.exit(0);
	}

	private void measure(int total, int containers, String placement) throws Exception {
		// a round after the last change, then the heartbeats of ROUNDS rounds
		Thread.sleep(HEARTBEAT_SECONDS * 1000L);
		ThreadCpu before = ThreadCpu.now();
		Thread.sleep(ROUNDS * HEARTBEAT_SECONDS * 1000L);
		// the agent-status listener's threads handle every heartbeat
		double cpuPerRound = ThreadCpu.now().nanosSince(before, "dcf-handler-agent-status") / 1e6 / ROUNDS;
		double[] page = latencies("/");
		double[] api = latencies("/api/jobs?size=20");
		this.rows.add(String.format(Locale.ROOT,
				"| %d | %d | %s | %.0f ms | %.1f %% | %.0f / %.0f ms | %.0f / %.0f ms |", total, containers, placement,
				cpuPerRound, cpuPerRound / (HEARTBEAT_SECONDS * 10.0), page[0], page[1], api[0], api[1]));
		System.out.println(this.rows.get(this.rows.size() - 1));
	}

	private double[] latencies(String path) throws Exception {
		for (int i = 0; i < 10; i++) {
			this.login.get(path);
		}
		double[] millis = new double[REQUESTS];
		for (int i = 0; i < REQUESTS; i++) {
			long start = System.nanoTime();
			this.login.get(path);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return new double[] { millis[REQUESTS / 2], millis[(int) Math.ceil(REQUESTS * 0.95) - 1] };
	}

	private void submit(int count, boolean start) throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", "scale", "image", "dcf/hollow:1", "topic", "scale-data",
				"containers", 1, "cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 7 * 24 * 3600, "agentLabels",
				Map.of("scale", this.label), "start", start));
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				sent.add(clients.submit(() -> {
					HttpResponse<String> created = this.http
						.send(bearer("/api/jobs").POST(HttpRequest.BodyPublishers.ofString(body))
							.header("Content-Type", "application/json")
							.build(), HttpResponse.BodyHandlers.ofString());
					if (created.statusCode() != 201) {
						throw new IllegalStateException(
								"POST /api/jobs answered " + created.statusCode() + ": " + created.body());
					}
					return null;
				}));
			}
			for (Future<?> future : sent) {
				future.get();
			}
		}
		finally {
			clients.shutdown();
		}
	}

	private HttpRequest.Builder bearer(String path) {
		return this.login.bearer(path);
	}

	private static long usedHeapAfterGc() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

}
