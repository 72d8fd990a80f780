package dev.dcf.handler.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * The handler's REST API as the end-to-end tests use it: one user's client, JSON as maps,
 * every call expected to succeed.
 */
final class JobsApi {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
	};

	private final RestTestClient client;

	/**
	 * @param client the handler's client, logged in as {@code user}
	 */
	JobsApi(RestTestClient client, String user, String password) {
		this.client = client.mutate().defaultHeaders((headers) -> headers.setBasicAuth(user, password)).build();
	}

	/** The client of this user, for calls not covered here. */
	RestTestClient client() {
		return this.client;
	}

	/** Creates the job and returns its id. */
	String create(Map<String, Object> job) {
		URI location = this.client.post()
			.uri("/api/jobs")
			.contentType(MediaType.APPLICATION_JSON)
			.body(job)
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation();
		return location.getPath().substring("/api/jobs/".length());
	}

	Map<String, Object> job(String id) {
		return get(JSON, "/api/jobs/{id}", id);
	}

	/** What {@code GET /api/jobs/{id}/throughput} answers. */
	Map<String, Object> throughput(String id) {
		return get(JSON, "/api/jobs/{id}/throughput", id);
	}

	/**
	 * What {@code GET /api/jobs/{id}/records?limit=} answers: the newest records,
	 * decoded.
	 */
	List<Map<String, Object>> records(String id, int limit) {
		return get(JSON_LIST, "/api/jobs/{id}/records?limit=" + limit, id);
	}

	String state(String id) {
		return (String) job(id).get("state");
	}

	List<Map<String, Object>> events(String id) {
		return get(JSON_LIST, "/api/jobs/{id}/events", id);
	}

	Map<String, Object> agent(String id) {
		return get(JSON, "/api/agents/{id}", id);
	}

	/** Every agent the handler knows, with its status. */
	Map<String, String> agentStatuses() {
		Map<String, String> statuses = new LinkedHashMap<>();
		get(JSON_LIST, "/api/agents")
			.forEach((agent) -> statuses.put((String) agent.get("id"), (String) agent.get("status")));
		return statuses;
	}

	void start(String id) {
		this.client.post().uri("/api/jobs/{id}/start", id).exchange().expectStatus().isOk();
	}

	void stop(String id) {
		this.client.post().uri("/api/jobs/{id}/stop", id).exchange().expectStatus().isOk();
	}

	/** Waits until the job is in {@code state}, failing early if it ends otherwise. */
	Map<String, Object> awaitState(String id, String state, Duration timeout) {
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			String now = state(id);
			if (!now.equals(state) && List.of("COMPLETED", "FAILED", "LOST").contains(now)) {
				throw new AssertionError("Job " + id + " ended " + now + " (" + job(id).get("stateReason")
						+ ") instead of becoming " + state);
			}
			return now.equals(state);
		});
		return job(id);
	}

	/** When the job first entered {@code state} in its current run. */
	Instant enteredAt(String id, String state) {
		return events(id).stream()
			.filter((event) -> state.equals(event.get("to")) && !state.equals(event.get("from")))
			.map((event) -> Instant.parse((String) event.get("at")))
			.reduce((first, later) -> later)
			.orElseThrow(() -> new AssertionError("Job " + id + " never entered " + state));
	}

	private <T> T get(ParameterizedTypeReference<T> type, String uri, Object... variables) {
		return this.client.get()
			.uri(uri, variables)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(type)
			.returnResult()
			.getResponseBody();
	}

}
