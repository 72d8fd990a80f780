package dev.dcf.handler.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmarks' login to a handler's REST API as {@code admin}: HTTP Basic, which
 * checks a bcrypt hash on every call (tens of ms of CPU a benchmark would take from what
 * it measures), and an API token created with it, which costs a hash lookup; and the
 * token calls the scale benchmarks share.
 */
final class BenchLogin {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpClient http;

	private final String base;

	private final String basic;

	private String token;

	BenchLogin(HttpClient http, int port, String adminPassword) {
		this.http = http;
		this.base = "http://localhost:" + port;
		this.basic = "Basic "
				+ Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
	}

	/** Creates an API token valid for a day, used by {@link #bearer} from now on. */
	BenchLogin createToken(String name) throws IOException, InterruptedException {
		HttpResponse<String> created = this.http.send(basic("/api/tokens").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"days\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (created.statusCode() != 201) {
			throw new IllegalStateException(
					"POST /api/tokens answered " + created.statusCode() + ": " + created.body());
		}
		this.token = JSON.readTree(created.body()).path("token").asText();
		return this;
	}

	/** A request with the token: create it first. */
	HttpRequest.Builder bearer(String path) {
		if (this.token == null) {
			throw new IllegalStateException("no API token yet");
		}
		return HttpRequest.newBuilder(URI.create(this.base + path)).header("Authorization", "Bearer " + this.token);
	}

	/** A request with the password (HTTP Basic). */
	HttpRequest.Builder basic(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).header("Authorization", this.basic);
	}

	/** GET with the token; anything but 200 is an error. */
	String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(bearer(path).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
		}
		return response.body();
	}

	/**
	 * Waits (up to 3 min) until {@code count} agents labelled {@code scale=label} are
	 * HEALTHY.
	 */
	void awaitHealthyAgents(String label, int count) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (System.nanoTime() < deadline) {
			long healthy = 0;
			for (JsonNode agent : JSON.readTree(get("/api/agents"))) {
				if ("HEALTHY".equals(agent.path("status").asText())
						&& label.equals(agent.path("labels").path("scale").asText())) {
					healthy++;
				}
			}
			if (healthy >= count) {
				return;
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Not " + count + " agents HEALTHY in time");
	}

	/**
	 * Waits (up to {@code timeout}) until at least {@code count} jobs in all are RUNNING.
	 */
	void awaitRunning(long count, Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (JSON.readTree(get("/api/jobs?state=RUNNING&size=1")).path("totalElements").asLong() >= count) {
				return;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("Not " + count + " jobs RUNNING in time");
	}

	/** With the token once there is one, else with the password. */
	HttpRequest.Builder request(String path) {
		return (this.token != null) ? bearer(path) : basic(path);
	}

}
