package dev.dcf.standalone;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Waits until the handler knows the standalone agent, through the public REST API
 * ({@code GET /api/agents/{id}}): only then can a submitted job be placed, so only then
 * is DCF "ready".
 */
final class AgentCheckIn {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI handler;

	private final String authorization;

	AgentCheckIn(URI handler, String user, String password) {
		this.handler = handler;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Polls until the handler has a heartbeat of the agent received at or after
	 * {@code since} (an agent known from an earlier run is listed at once, with its old
	 * status), {@code timeout} has passed or {@code keepWaiting} says no.
	 * @return how the handler sees the agent, empty if it did not within the timeout
	 */
	Optional<AgentSeen> await(String agentId, Instant since, Duration timeout, BooleanSupplier keepWaiting)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Optional<AgentSeen> seen = fetch(agentId).filter((agent) -> agent.heardSince(since));
			if (seen.isPresent() || System.nanoTime() - deadline > 0 || !keepWaiting.getAsBoolean()) {
				return seen;
			}
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
	}

	private Optional<AgentSeen> fetch(String agentId) throws InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.handler.resolve("/api/agents/" + agentId))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", this.authorization)
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return Optional.empty();
			}
			return Optional.of(AgentSeen.parse(this.json.readTree(response.body())));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The agent as the handler shows it.
	 *
	 * @param status {@code HEALTHY}, {@code UNHEALTHY}, ...
	 * @param failedChecks {@code name: message} of every failed check
	 * @param lastHeartbeatAt when the handler received its last heartbeat, null if
	 * unknown
	 */
	record AgentSeen(String status, List<String> failedChecks, Instant lastHeartbeatAt) {

		static AgentSeen parse(JsonNode agent) {
			List<String> failed = new ArrayList<>();
			for (JsonNode check : agent.path("checks")) {
				if (!check.path("passed").asBoolean(true)) {
					failed.add(check.path("name").asString("?") + ": " + check.path("message").asString(""));
				}
			}
			return new AgentSeen(agent.path("status").asString("UNKNOWN"), List.copyOf(failed),
					instant(agent.path("lastHeartbeatAt")));
		}

		boolean heardSince(Instant since) {
			return this.lastHeartbeatAt != null && !this.lastHeartbeatAt.isBefore(since);
		}

		/** ISO-8601 text, or seconds since the epoch (with a fraction). */
		private static Instant instant(JsonNode value) {
			if (value.isNumber()) {
				BigDecimal seconds = value.decimalValue();
				return Instant.ofEpochSecond(seconds.longValue(),
						seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
			}
			try {
				return value.isString() ? Instant.parse(value.asString()) : null;
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		/** {@code HEALTHY}, or {@code UNHEALTHY (docker: ...; disk: ...)}. */
		String describe() {
			return this.failedChecks.isEmpty() ? this.status
					: this.status + " (" + String.join("; ", this.failedChecks) + ")";
		}

	}

}
