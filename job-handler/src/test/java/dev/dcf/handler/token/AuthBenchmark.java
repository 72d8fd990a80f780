package dev.dcf.handler.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.dcf.handler.JobHandlerApplication;
import dev.dcf.testsupport.TestTopics;

/**
 * Measures what authentication costs per API call, for the issue note; not a test,
 * nothing is asserted. The handler (its defaults, H2 file database in a fresh directory,
 * the embedded broker) answers {@code GET /api/jobs/{id}} to N client threads for a fixed
 * time, first with a personal API token ({@code Authorization: Bearer}), then with HTTP
 * Basic (bcrypt on every call), alternately, in one run. Arguments:
 * {@code [threads] [seconds] [rounds]} (default 4, 10, 2).
 */
public final class AuthBenchmark {

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final String PASSWORD = "bench-secret";

	private AuthBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 4;
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
		TestTopics topics = TestTopics.unique("auth-bench");
		Path dataDir = Files.createTempDirectory("dcf-auth-bench");
		List<String> settings = new ArrayList<>(
				List.of("--server.port=0", "--spring.main.banner-mode=off", "--dcf.data-dir=" + dataDir,
						"--dcf.security.admin-password=" + PASSWORD, "--logging.level.dev.dcf=warn"));
		topics.handlerProperties().forEach((name, value) -> settings.add("--" + name + "=" + value));
		ConfigurableApplicationContext handler = new SpringApplicationBuilder(JobHandlerApplication.class)
			.run(settings.toArray(String[]::new));
		List<String> rows = new ArrayList<>();
		try {
			String base = "http://localhost:" + ((WebServerApplicationContext) handler).getWebServer().getPort();
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String basic = "Basic "
					+ Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
			String job = http.send(HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
				.header("Authorization", basic)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"name\": \"bench\", \"image\": \"dcf-test/sleeper:latest\", "
							+ "\"topic\": \"bench-data\", \"containers\": 1, \"cpuLimit\": 0.1, \"memoryLimitMb\": 64, "
							+ "\"durationSeconds\": 60}"))
				.build(), HttpResponse.BodyHandlers.ofString()).body();
			String id = JSON.readTree(job).path("id").asText();
			if (id.isEmpty()) {
				throw new IllegalStateException("POST /api/jobs answered " + job);
			}
			String token = JSON
				.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
					.header("Authorization", basic)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench\"}"))
					.build(), HttpResponse.BodyHandlers.ofString()).body())
				.path("token")
				.asText();
			URI uri = URI.create(base + "/api/jobs/" + id);
			// warm-up of both paths
			measure(http, uri, "Bearer " + token, threads, 3);
			measure(http, uri, basic, threads, 3);
			for (int round = 1; round <= rounds; round++) {
				rows.add(row("Bearer (API token)", round, measure(http, uri, "Bearer " + token, threads, seconds)));
				rows.add(row("Basic (bcrypt)", round, measure(http, uri, basic, threads, seconds)));
			}
		}
		catch (Exception ex) {
			// the embedded broker's threads would keep the JVM (and exec:java) waiting
			ex.printStackTrace();
			System.exit(1);
		}
		finally {
			handler.close();
		}
		System.out.println();
		System.out.println("Authenticated GET /api/jobs/{id}: " + threads + " client threads, " + seconds + " s each, "
				+ Runtime.getRuntime().availableProcessors() + " CPUs, clients in the handler's JVM");
		System.out.println("| authentication | round | requests/s | p50 ms | p99 ms |");
		System.out.println("|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.exit(0);
	}

	private static List<Long> measure(HttpClient http, URI uri, String authorization, int threads, int seconds)
			throws Exception {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<List<Long>>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(pool.submit(() -> {
				List<Long> latencies = new ArrayList<>();
				HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", authorization).build();
				while (System.nanoTime() < end) {
					long start = System.nanoTime();
					HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
					if (response.statusCode() != 200) {
						throw new IllegalStateException("answered " + response.statusCode());
					}
					latencies.add(System.nanoTime() - start);
				}
				return latencies;
			}));
		}
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> future : futures) {
			all.addAll(future.get());
		}
		pool.shutdown();
		all.add((long) seconds);
		return all;
	}

	private static String row(String what, int round, List<Long> measured) {
		long seconds = measured.remove(measured.size() - 1);
		Collections.sort(measured);
		double p50 = measured.get(measured.size() / 2) / 1e6;
		double p99 = measured.get((int) (measured.size() * 0.99)) / 1e6;
		return String.format(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f |", what, round,
				(double) measured.size() / seconds, p50, p99);
	}

}
