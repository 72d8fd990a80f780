package dev.dcf.testsupport;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stop every generator image must survive, checked alike for the sample and the
 * built-in generator: {@code docker stop} (SIGTERM, 10 s before SIGKILL) while it writes,
 * and it flushes what it sent, says so in its last line
 * ({@code Stopped after N records: N acknowledged, 0 failed}) and exits 0.
 */
public final class GeneratorStop {

	private static final Pattern SUMMARY = Pattern
		.compile("Stopped after (\\d+) records: (\\d+) acknowledged, 0 failed");

	private GeneratorStop() {
	}

	/**
	 * Waits (at most a minute) until the container's log shows that it writes, stops it,
	 * and asserts the exit code and the summary.
	 * @param docker the CLI that started the container
	 * @param container the running generator's name
	 * @param writing a text its log shows once it writes
	 * @return how many records it sent, at least one, all acknowledged
	 */
	public static long stopWhileWriting(DockerCli docker, String container, String writing) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> docker.logs(container).contains(writing) || !docker.isRunning(container));
		assertThat(docker.isRunning(container)).as(docker.logs(container)).isTrue();

		docker.checked("stop", "-t", "10", container);

		String logs = docker.logs(container);
		assertThat(docker.exitCode(container)).as(logs).isZero();
		Matcher summary = SUMMARY.matcher(logs);
		assertThat(summary.find()).as(logs).isTrue();
		long sent = Long.parseLong(summary.group(1));
		assertThat(sent).as(logs).isPositive();
		assertThat(Long.parseLong(summary.group(2))).as("acknowledged").isEqualTo(sent);
		return sent;
	}

}
