package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The handler's REST API as the suite uses it: admin over HTTP Basic, JSON as maps. Every
 * call fails with an {@link ApiException} unless the handler answers as expected, so a
 * call during an outage fails loudly rather than returning nothing.
 */
final class HandlerApi {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final String base;

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	HandlerApi(int port, String user, String password) {
		this.base = "http://localhost:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Creates a job and returns its id. */
	String create(Map<String, Object> job) {
		Map<String, Object> created = read(send("POST", "/api/jobs", job, 201), new TypeReference<>() {
		});
		return (String) created.get("id");
	}

	/** Tries to create a job that should be refused: the answer, whatever it is. */
	Answer tryCreate(Map<String, Object> job) {
		HttpResponse<String> response = exchange("POST", "/api/jobs", job);
		return new Answer(response.statusCode(), response.body());
	}

	Map<String, Object> job(String id) {
		return read(send("GET", "/api/jobs/" + id, null, 200), new TypeReference<>() {
		});
	}

	String state(String id) {
		return (String) job(id).get("state");
	}

	List<Map<String, Object>> events(String id) {
		return read(send("GET", "/api/jobs/" + id + "/events", null, 200), new TypeReference<>() {
		});
	}

	/** Every job (the suite creates far fewer than one page). */
	List<Map<String, Object>> jobs() {
		Map<String, Object> page = read(send("GET", "/api/jobs?size=200", null, 200), new TypeReference<>() {
		});
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
		return content;
	}

	List<Map<String, Object>> agents() {
		return read(send("GET", "/api/agents", null, 200), new TypeReference<>() {
		});
	}

	Map<String, Object> agent(String id) {
		return agents().stream()
			.filter((agent) -> id.equals(agent.get("id")))
			.findFirst()
			.orElseThrow(() -> new ApiException("agent " + id + " unknown to the handler"));
	}

	void start(String id) {
		send("POST", "/api/jobs/" + id + "/start", null, 200);
	}

	void stop(String id) {
		send("POST", "/api/jobs/" + id + "/stop", null, 200);
	}

	/** {@code /actuator/health} with details (the admin is authorized to see them). */
	Health health() {
		HttpResponse<String> response = exchange("GET", "/actuator/health", null);
		Map<String, Object> body = read(response.body(), new TypeReference<>() {
		});
		return new Health(response.statusCode(), (String) body.get("status"), response.body());
	}

	private String send(String method, String path, Object body, int expectedStatus) {
		HttpResponse<String> response = exchange(method, path, body);
		if (response.statusCode() != expectedStatus) {
			throw new ApiException(method + " " + path + " answered " + response.statusCode() + " instead of "
					+ expectedStatus + ": " + response.body());
		}
		return response.body();
	}

	private HttpResponse<String> exchange(String method, String path, Object body) {
		try {
			HttpRequest.BodyPublisher publisher = (body != null)
					? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody();
			HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(10))
				.header("Authorization", this.authorization)
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.method(method, publisher)
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new ApiException(method + " " + path + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException(method + " " + path + " interrupted");
		}
	}

	private static <T> T read(String body, TypeReference<T> type) {
		try {
			return JSON.readValue(body, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Not the JSON expected: " + body, ex);
		}
	}

	/** An answer as it came. */
	record Answer(int status, String body) {

	}

	/** What {@code /actuator/health} said. */
	record Health(int httpStatus, String status, String body) {

		boolean up() {
			return "UP".equals(this.status);
		}

	}

	/** The handler did not answer, or not as expected. */
	static final class ApiException extends RuntimeException {

		ApiException(String message) {
			super(message);
		}

	}

}
