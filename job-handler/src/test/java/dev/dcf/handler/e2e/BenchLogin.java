package dev.dcf.handler.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The benchmarks' login to a handler's REST API as {@code admin}: HTTP Basic, which
 * checks a bcrypt hash on every call (tens of ms of CPU a benchmark would take from what
 * it measures), and an API token created with it, which costs a hash lookup.
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

	/** With the token once there is one, else with the password. */
	HttpRequest.Builder request(String path) {
		return (this.token != null) ? bearer(path) : basic(path);
	}

}
