import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST client of scripts/bench-start.sh, run as a single-file program
 * ({@code java scripts/lib/ApiLoad.java ...}; JDK 17, no dependencies). Not a test: it
 * asserts nothing and prints figures.
 *
 * <pre>
 * fill URL TOKEN COUNT THREADS   creates COUNT jobs that no agent can take (an agent label
 *                                nobody has), started, then stops them in bulk: COUNT
 *                                COMPLETED jobs. Prints one id (the last job's).
 * get URL TOKEN ID THREADS SECS  GET /api/jobs/{ID} in a loop on THREADS threads for SECS
 *                                seconds (after 3 s of warm-up). Prints "requests/s p50 p99 errors".
 * </pre>
 */
public final class ApiLoad {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	public static void main(String[] args) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		switch (args[0]) {
			case "fill" -> fill(client, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
			case "get" -> get(client, args[1], args[2], args[3], Integer.parseInt(args[4]),
					Integer.parseInt(args[5]));
			default -> throw new IllegalArgumentException("fill or get, not " + args[0]);
		}
	}

	private static void fill(HttpClient client, String url, String token, int count, int threads)
			throws Exception {
		String run = Long.toString(System.currentTimeMillis(), 36);
		ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			work.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					String body = """
							{"name": "bench-%s-%d", "image": "dcf-test/sleeper:latest", "topic": "dcf-bench-start", "containers": 1,
							 "cpuLimit": 0.1, "memoryLimitMb": 64, "durationSeconds": 60,
							 "agentLabels": {"dcf-bench": "nobody"}, "start": true}""".formatted(run, i);
					String answer = send(client, request(url + "/api/jobs", token).POST(body(body)), 201);
					Matcher id = ID.matcher(answer);
					if (!id.find()) {
						throw new IllegalStateException("no id in " + answer);
					}
					ids.add(id.group(1));
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		List<String> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += 500) {
			List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
			String body = "{\"action\": \"stop\", \"ids\": [\"" + String.join("\", \"", chunk) + "\"]}";
			send(client, request(url + "/api/jobs/bulk", token).POST(body(body)), 200);
		}
		System.out.println(all.get(all.size() - 1));
	}

	private static void get(HttpClient client, String url, String token, String id, int threads, int seconds)
			throws Exception {
		HttpRequest request = request(url + "/api/jobs/" + id, token).GET().build();
		long warmUpEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		long end = warmUpEnd + Duration.ofSeconds(seconds).toNanos();
		ConcurrentLinkedQueue<long[]> perThread = new ConcurrentLinkedQueue<>();
		AtomicInteger errors = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<?>> work = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			work.add(pool.submit(() -> {
				long[] micros = new long[1 << 20];
				int n = 0;
				for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
					HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
					long after = System.nanoTime();
					if (response.statusCode() != 200) {
						errors.incrementAndGet();
					}
					else if (now >= warmUpEnd && n < micros.length) {
						micros[n++] = (after - now) / 1000;
					}
				}
				perThread.add(Arrays.copyOf(micros, n));
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
		long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		System.out.printf("%.0f %.1f %.1f %d%n", all.length / (double) seconds, all[all.length / 2] / 1000.0,
				all[(int) (all.length * 0.99)] / 1000.0, errors.get());
	}

	private static HttpRequest.Builder request(String url, String token) {
		return HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json");
	}

	private static HttpRequest.BodyPublisher body(String json) {
		return HttpRequest.BodyPublishers.ofString(json);
	}

	private static String send(HttpClient client, HttpRequest.Builder request, int expected) throws Exception {
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expected) {
			throw new IllegalStateException(response.statusCode() + " " + response.body());
		}
		return response.body();
	}

}
