package dev.dcf.handler.e2e;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.handler.web.Browser;
import dev.dcf.testsupport.TestTopics;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The live-updates benchmark of {@code scripts/bench-live-updates.sh}; not a test,
 * nothing is asserted. One JVM runs the embedded broker and registry, the handler (H2
 * file database in a fresh directory) and N hollow agents; B headless Chromium browsers
 * (each its own process and session) show the jobs page. Jobs are submitted through the
 * REST API at a steady rate for a while, and each browser notes, in the page, when each
 * job's row first shows RUNNING (a MutationObserver, so the time the row was put in
 * place). Per phase it prints: how long the jobs took to be RUNNING, the delay from a
 * job's start as the handler recorded it to each browser showing it (p50, p95, max; in
 * the first and the last third of the phase, so a browser falling behind shows as a
 * growing delay), how many of the jobs each browser showed RUNNING at all, the page's
 * fetches per browser, and the CPU of the handler's web and websocket threads.
 *
 * <p>
 * Arguments: {@code agents jobsPerSecond seconds browserCounts}, e.g.
 * {@code 20 10 60 0,1,10}.
 */
public final class LiveUpdatesBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "bench-secret";

	/**
	 * Put into each page: the first time (browser clock, ms) each row showed RUNNING, and
	 * counts of the list's and rows' fetches (started, completed).
	 */
	private static final String OBSERVER = """
			window.__dcfBench = { running: {}, started: { list: 0, row: 0 }, done: { list: 0, row: 0 } };
			const b = window.__dcfBench;
			const note = () => {
			  const now = Date.now();
			  document.querySelectorAll('#job-rows .job-row[data-state="RUNNING"]').forEach((row) => {
			    if (!(row.dataset.jobId in b.running)) { b.running[row.dataset.jobId] = now; }
			  });
			};
			new MutationObserver(note).observe(document.body, { childList: true, subtree: true,
			  attributes: true, attributeFilter: ['data-state'] });
			const kind = (event) => event.detail.pathInfo.requestPath.includes('/row') ? 'row' : 'list';
			document.body.addEventListener('htmx:beforeRequest', (event) => { b.started[kind(event)]++; });
			document.body.addEventListener('htmx:afterRequest', (event) => {
			  if (event.detail.successful) { b.done[kind(event)]++; }
			});
			note();
			""";

	private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

	private final BenchLogin login;

	private final String baseUrl;

	private final String label = "l" + UUID.randomUUID().toString().substring(0, 6);

	private int submitted;

	private LiveUpdatesBenchmark(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.login = new BenchLogin(this.http, port, PASSWORD);
	}

	public static void main(String[] args) throws Exception {
		int agentCount = Integer.parseInt(args[0]);
		int rate = Integer.parseInt(args[1]);
		int seconds = Integer.parseInt(args[2]);
		int[] browserCounts = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
		TestTopics topics = TestTopics.unique("live");
		Path dataDir = Files.createTempDirectory("dcf-live-bench");
		List<String> handlerArgs = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--dcf.data-dir=" + dataDir, "--dcf.security.admin-password=" + PASSWORD,
				"--logging.level.dev.dcf=warn", "--dcf.handler.limits.max-duration=30d"));
		topics.handlerProperties().forEach((name, value) -> handlerArgs.add("--" + name + "=" + value));
		ConfigurableApplicationContext handler = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(handlerArgs.toArray(String[]::new));
		LiveUpdatesBenchmark bench = new LiveUpdatesBenchmark(
				((WebServerApplicationContext) handler).getWebServer().getPort());
		bench.login.createToken("live-bench");
		int perAgent = Arrays.stream(browserCounts).map((b) -> rate * seconds).sum() / agentCount + 10;
		List<String> rows = new ArrayList<>();
		rows.add("| browsers | jobs | all RUNNING after | shown RUNNING after start: p50 / p95 / max "
				+ "| first third p95 → last third p95 | jobs each browser showed RUNNING "
				+ "| pages as the API, after the last start | list / row fetches per browser (done of started) "
				+ "| handler web + websocket CPU |");
		rows.add("|---|---|---|---|---|---|---|---|---|");
		try (HollowFleet fleet = HollowFleet.start(agentCount, bench.label, topics, perAgent, Map.of())) {
			bench.login.awaitHealthyAgents(bench.label, agentCount);
			for (int browsers : browserCounts) {
				rows.add(bench.phase(browsers, rate, seconds));
				System.out.println(rows.get(rows.size() - 1));
			}
		}
		finally {
			System.out.println();
			System.out.printf(Locale.ROOT,
					"Live updates: %d hollow agents and the handler in one JVM, %d CPUs, jobs submitted at %d/s for "
							+ "%d s per phase, each browser a headless Chromium on the jobs page%n%n",
					agentCount, Runtime.getRuntime().availableProcessors(), rate, seconds);
			rows.forEach(System.out::println);
			handler.close();
		}
		System.exit(0);
	}

	private String phase(int browserCount, int rate, int seconds) throws Exception {
		List<Browser> browsers = openBrowsers(browserCount);
		try {
			ThreadCpu cpuBefore = ThreadCpu.now();
			long start = System.nanoTime();
			List<String> ids = submitSteadily(rate, seconds);
			this.submitted += ids.size();
			this.login.awaitRunning(this.submitted, Duration.ofMinutes(10));
			long lastRunning = System.nanoTime();
			double allRunning = (lastRunning - start) / 1e9;
			String caughtUp = awaitPagesAsApi(browsers, lastRunning);
			ThreadCpu cpuAfter = ThreadCpu.now();
			Map<String, Instant> startedAt = startTimes(ids);
			List<Double> delays = new ArrayList<>();
			List<Double> firstThird = new ArrayList<>();
			List<Double> lastThird = new ArrayList<>();
			int[] shown = new int[browserCount];
			long[][] fetches = new long[browserCount][];
			for (int b = 0; b < browserCount; b++) {
				JsonNode seen = JSON.valueToTree(browsers.get(b).js("return window.__dcfBench"));
				for (int i = 0; i < ids.size(); i++) {
					JsonNode at = seen.path("running").path(ids.get(i));
					if (at.isNumber() && startedAt.containsKey(ids.get(i))) {
						double delay = at.asLong() - startedAt.get(ids.get(i)).toEpochMilli();
						delays.add(delay);
						shown[b]++;
						if (i < ids.size() / 3) {
							firstThird.add(delay);
						}
						else if (i >= ids.size() * 2 / 3) {
							lastThird.add(delay);
						}
					}
				}
				fetches[b] = new long[] { seen.path("done").path("list").asLong(),
						seen.path("started").path("list").asLong(), seen.path("done").path("row").asLong(),
						seen.path("started").path("row").asLong() };
			}
			return String.format(Locale.ROOT, "| %d | %d | %.1f s | %s | %s | %s | %s | %s | %s |", browserCount,
					ids.size(), allRunning, quantiles(delays), firstToLast(firstThird, lastThird),
					shownRange(shown, ids.size()), caughtUp, fetchRange(fetches),
					webCpu(cpuBefore, cpuAfter, ids.size()));
		}
		finally {
			browsers.parallelStream().forEach(Browser::close);
		}
	}

	private List<Browser> openBrowsers(int count) throws Exception {
		List<Browser> browsers = new ArrayList<>();
		ExecutorService openers = Executors.newFixedThreadPool(Math.max(1, Math.min(count, 4)));
		try {
			List<Future<Browser>> opening = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				opening.add(openers.submit(() -> {
					Browser browser = new Browser(this.baseUrl);
					browser.login("admin", PASSWORD);
					browser.open("/");
					browser.waitForLive();
					browser.js(OBSERVER);
					return browser;
				}));
			}
			for (Future<Browser> future : opening) {
				browsers.add(future.get());
			}
			return browsers;
		}
		catch (Exception ex) {
			browsers.forEach(Browser::close);
			throw ex;
		}
		finally {
			openers.shutdown();
		}
	}

	/**
	 * Waits (up to 30 s) until every browser's rows are the API's first page: the same
	 * jobs in the same order and states.
	 * @return how many browsers got there, and how long after the last job was RUNNING
	 */
	private String awaitPagesAsApi(List<Browser> browsers, long lastRunning) throws Exception {
		if (browsers.isEmpty()) {
			return "–";
		}
		List<String> api = new ArrayList<>();
		for (JsonNode job : JSON.readTree(this.login.get("/api/jobs?size=20")).path("content")) {
			api.add(job.path("id").asText() + " " + job.path("state").asText());
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		int same = 0;
		while (System.nanoTime() < deadline) {
			same = 0;
			for (Browser browser : browsers) {
				Object shown = browser.js("return Array.from(document.querySelectorAll('#job-rows .job-row'))"
						+ ".map((row) => row.dataset.jobId + ' ' + row.dataset.state)");
				if (api.equals(shown)) {
					same++;
				}
			}
			if (same == browsers.size()) {
				break;
			}
			Thread.sleep(100);
		}
		return String.format(Locale.ROOT, "%d of %d, %.1f s", same, browsers.size(),
				(System.nanoTime() - lastRunning) / 1e9);
	}

	/**
	 * One POST every 1/rate s on a schedule (late ones are sent at once, not dropped).
	 */
	private List<String> submitSteadily(int rate, int seconds) throws Exception {
		String body = JSON.writeValueAsString(Map.of("name", "live", "image", "dcf/hollow:1", "topic", "live-data",
				"containers", 1, "cpuLimit", 0.1, "memoryLimitMb", 64, "durationSeconds", 7 * 24 * 3600, "agentLabels",
				Map.of("scale", this.label), "start", true));
		int count = rate * seconds;
		Map<Integer, String> ids = new ConcurrentHashMap<>();
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			long start = System.nanoTime();
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				long due = start + TimeUnit.SECONDS.toNanos(i) / rate;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					TimeUnit.NANOSECONDS.sleep(wait);
				}
				int index = i;
				sent.add(clients.submit(() -> {
					HttpResponse<String> created = this.http.send(this.login.bearer("/api/jobs")
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.header("Content-Type", "application/json")
						.build(), HttpResponse.BodyHandlers.ofString());
					if (created.statusCode() != 201) {
						throw new IllegalStateException(
								"POST /api/jobs answered " + created.statusCode() + ": " + created.body());
					}
					ids.put(index, JSON.readTree(created.body()).path("id").asText());
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
		List<String> ordered = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ordered.add(ids.get(i));
		}
		return ordered;
	}

	/** When each RUNNING job of these started, as the handler recorded it. */
	private Map<String, Instant> startTimes(List<String> ids) throws Exception {
		Map<String, Instant> started = new LinkedHashMap<>();
		for (String id : ids) {
			JsonNode job = JSON.readTree(this.login.get("/api/jobs/" + id));
			if ("RUNNING".equals(job.path("state").asText()) && job.path("startedAt").isTextual()) {
				started.put(id, Instant.parse(job.path("startedAt").asText()));
			}
		}
		return started;
	}

	private static String quantiles(List<Double> millis) {
		if (millis.isEmpty()) {
			return "–";
		}
		double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", at(sorted, 0.5), at(sorted, 0.95),
				sorted[sorted.length - 1]);
	}

	private static String firstToLast(List<Double> first, List<Double> last) {
		if (first.isEmpty() || last.isEmpty()) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.0f → %.0f ms",
				at(first.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.95),
				at(last.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.95));
	}

	private static double at(double[] sorted, double quantile) {
		return sorted[Math.max(0, (int) Math.ceil(sorted.length * quantile) - 1)];
	}

	private static String shownRange(int[] shown, int jobs) {
		if (shown.length == 0) {
			return "–";
		}
		int min = Arrays.stream(shown).min().getAsInt();
		int max = Arrays.stream(shown).max().getAsInt();
		return String.format(Locale.ROOT, "%d–%d of %d", min, max, jobs);
	}

	private static String fetchRange(long[][] fetches) {
		if (fetches.length == 0) {
			return "–";
		}
		long[] sums = new long[4];
		for (long[] browser : fetches) {
			for (int i = 0; i < 4; i++) {
				sums[i] += browser[i];
			}
		}
		int n = fetches.length;
		return String.format(Locale.ROOT, "%d of %d / %d of %d", sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
	}

	private static String webCpu(ThreadCpu before, ThreadCpu after, int jobs) {
		double web = after.nanosSince(before, "http-nio-") / 1e9;
		double socket = (after.nanosSince(before, "clientOutboundChannel")
				+ after.nanosSince(before, "clientInboundChannel") + after.nanosSince(before, "brokerChannel")
				+ after.nanosSince(before, "MessageBroker")) / 1e9;
		return String.format(Locale.ROOT, "%.1f + %.1f s (%.1f ms per job)", web, socket, (web + socket) * 1000 / jobs);
	}

}
