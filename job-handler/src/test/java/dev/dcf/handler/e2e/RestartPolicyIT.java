package dev.dcf.handler.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.dcf.agent.testing.TestAgent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart policy end to end (docs/usage.md, "Restart policy"): the agent restarts a
 * crashing container on its own, the job stays RUNNING meanwhile and the timeline tells
 * every restart; once the attempts are spent the job FAILS.
 */
class RestartPolicyIT extends EndToEndTest {

	private static final Pattern DOWN = Pattern.compile("\\) (\\d+\\.\\d) s after it exited: ");

	private static TestAgent agent;

	private static Docker docker;

	@BeforeAll
	static void agent() {
		docker = new Docker();
		agent = Agents.start("restart", TOPICS, Map.of("it", "restart"));
	}

	@AfterAll
	static void cleanUp() {
		agent.close();
		docker.removeAllOf(agent.id());
		docker.close();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aCrashingContainerIsRestartedThreeTimesWithGrowingDelaysThenTheJobFails() {
		Map<String, Object> request = sleeper("restart", 1);
		request.put("env", Map.of("SLEEP", "1", "EXIT_CODE", "1"));
		request.put("restart", Map.of("attempts", 3, "delay", "1s", "maxDelay", "2s"));
		String id = create(request);

		Map<String, Object> failed = awaitState(id, "FAILED", Duration.ofSeconds(60));

		assertThat((String) failed.get("stateReason")).endsWith("exited with code 1");
		assertThat((Map<String, Object>) failed.get("restart")).containsEntry("attempts", 3)
			.containsEntry("interval", "10m")
			.containsEntry("delay", "1s")
			.containsEntry("maxDelay", "2s");
		List<Map<String, Object>> events = events(id);
		List<Map<String, Object>> exits = events.stream()
			.filter((event) -> ((String) event.get("reason")).contains("; restart "))
			.toList();
		List<Map<String, Object>> starts = events.stream()
			.filter((event) -> ((String) event.get("reason")).contains(" started again (restart "))
			.toList();
		assertThat(exits).extracting((event) -> ((String) event.get("reason")).replaceAll("dcf-\\S+", "C"))
			.containsExactly("container C exited with code 1; restart 1 of 3 in 1s",
					"container C exited with code 1; restart 2 of 3 in 2s",
					"container C exited with code 1; restart 3 of 3 in 2s");
		assertThat(starts).hasSize(3);
		// the job stayed RUNNING through the restarts
		assertThat(exits)
			.allSatisfy((event) -> assertThat(event).containsEntry("from", "RUNNING").containsEntry("to", "RUNNING"));
		assertThat(starts)
			.allSatisfy((event) -> assertThat(event).containsEntry("from", "RUNNING").containsEntry("to", "RUNNING"));
		// the waits grew and each new container started no sooner than its delay after
		// the exit (by the Docker daemon's clock, which gave both times)
		assertThat(starts).extracting((event) -> secondsDown((String) event.get("reason")))
			.satisfiesExactly((down) -> assertThat(down).isBetween(1.0, 10.0),
					(down) -> assertThat(down).isBetween(2.0, 10.0), (down) -> assertThat(down).isBetween(2.0, 10.0));
		// the container list shows the last new container, the one whose exit failed the
		// job
		Map<String, Object> container = ((List<Map<String, Object>>) failed.get("containerList")).get(0);
		String lastStart = (String) starts.get(2).get("reason");
		assertThat(lastStart).endsWith(": " + ((String) container.get("containerId")).substring(0, 12));
		// (a FAILED job's containers are removed: it may be gone already)
		assertThat(container).containsEntry("exitCode", 1);
		assertThat(container.get("state")).isIn("EXITED", "REMOVED");
	}

	/** "… started again (restart 2 of 3) 2.3 s after it exited: …" -> 2.3 */
	private static double secondsDown(String reason) {
		Matcher matcher = DOWN.matcher(reason);
		assertThat(matcher.find()).as(reason).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
