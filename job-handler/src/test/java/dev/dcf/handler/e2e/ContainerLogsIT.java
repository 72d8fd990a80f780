package dev.dcf.handler.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Container logs (docs/usage.md, "Container logs"): the end of a failed container's
 * output travels with its exit report and stays with the run after the container is gone,
 * in the API and on the job page.
 */
class ContainerLogsIT extends EndToEndTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("logs", TOPICS, Map.of("it", "logs"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	void theLast100LinesOfAFailedContainerAreKeptAfterItIsGone() {
		Map<String, Object> request = sleeper("logs", 1);
		request.put("topic", "it-logs-" + UUID.randomUUID());
		request.put("command",
				List.of("/bin/sh", "-c", "i=1; while [ $i -le 500 ]; do echo \"line $i\"; i=$((i+1)); done; exit 1"));
		String id = create(request);

		awaitState(id, "FAILED", Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(15)).until(() -> docker.containersOfJob(id).isEmpty());

		Map<String, Object> logs = this.alice.get()
			.uri("/api/jobs/{id}/containers/0/logs", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat(logs).containsEntry("jobId", id)
			.containsEntry("runNumber", 1)
			.containsEntry("index", 0)
			.containsEntry("exitCode", 1)
			.containsEntry("lines", lines(401, 500));

		String text = this.alice.get()
			.uri("/api/jobs/{id}/containers/0/logs?tail=3&download=true", id)
			.accept(MediaType.TEXT_PLAIN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_DISPOSITION, (disposition) -> assertThat(disposition).contains("attachment"))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(text).isEqualTo("line 498\nline 499\nline 500\n");

		this.alice.get()
			.uri("/api/jobs/{id}/containers/1/logs", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(JSON)
			.value((problem) -> assertThat(problem).containsEntry("title", "No container output kept"));

		String page = this.alice.get()
			.uri("/jobs/{id}", id)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("Last output of container 0")
			.contains("run 1 · exit code 1")
			.contains(String.join("\n", lines(401, 500)))
			.doesNotContain("line 400\n");
	}

	@Test
	void liveFollowStartsWithTheTailAndShowsEachNewLineWithinTwoSeconds() throws Exception {
		Map<String, Object> request = sleeper("logs", 1);
		request.put("topic", "it-logs-" + UUID.randomUUID());
		request.put("command",
				List.of("/bin/sh", "-c", "i=1; while true; do echo \"tick $i\"; i=$((i+1)); sleep 0.5; done"));
		String id = create(request);
		awaitState(id, "RUNNING", DEPLOY_TIMEOUT);
		// a few lines of the past for the tail: one every half second since it started
		Instant running = enteredAt(id, "RUNNING");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Duration.between(running, Instant.now()).compareTo(Duration.ofMillis(2500)) > 0);

		try (EventStream events = EventStream.open(this.port,
				"/api/jobs/" + id + "/containers/0/logs?follow=true&tail=3", "alice", "alice-secret")) {
			List<EventStream.Event> tail = List.of(events.next(Duration.ofSeconds(10)),
					events.next(Duration.ofSeconds(2)), events.next(Duration.ofSeconds(2)));
			assertThat(tail).extracting(EventStream.Event::name).containsOnly("line");
			int first = tick(tail.get(0));
			assertThat(tail).extracting(EventStream.Event::data)
				.containsExactly("tick " + first, "tick " + (first + 1), "tick " + (first + 2));
			assertThat(first).isGreaterThanOrEqualTo(2);

			// written every half second: each must be here within 2 s of the one before
			int previous = first + 2;
			for (int i = 0; i < 6; i++) {
				EventStream.Event next = events.next(Duration.ofSeconds(2));
				assertThat(next.name()).isEqualTo("line");
				assertThat(tick(next)).isEqualTo(previous + 1);
				previous++;
			}

			stop(id);
			EventStream.Event end = events.skipUntil("end", Duration.ofSeconds(30));
			assertThat(end.data()).isEqualTo("the container stopped");
			assertThat(events.closed(Duration.ofSeconds(5))).isTrue();
		}
		awaitState(id, "COMPLETED", Duration.ofSeconds(30));

		try (EventStream events = EventStream.open(this.port, "/api/jobs/" + id + "/containers/0/logs?follow=true",
				"alice", "alice-secret")) {
			EventStream.Event end = events.next(Duration.ofSeconds(5));
			assertThat(end.name()).isEqualTo("end");
			assertThat(end.data()).contains("not running (COMPLETED)");
		}
		this.alice.get()
			.uri("/api/jobs/{id}/containers/0/logs?follow=true&tail=5000", id)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JSON)
			.value((problem) -> assertThat(problem.toString()).contains("tail"));
	}

	private static int tick(EventStream.Event event) {
		return Integer.parseInt(event.data().substring("tick ".length()));
	}

	private static List<String> lines(int from, int to) {
		return IntStream.rangeClosed(from, to).mapToObj((i) -> "line " + i).toList();
	}

}
