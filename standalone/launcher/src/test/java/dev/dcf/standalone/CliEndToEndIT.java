package dev.dcf.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command line as a script uses it: {@code ./dcf COMMAND} as its own process against
 * {@code ./dcf} (the standalone, real Docker), with an API token in {@code DCF_TOKEN};
 * exit codes and output are checked. One standalone for both tests.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEndToEndIT {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path root = RepositoryRoot.get();

	private final String password = "cli-" + UUID.randomUUID();

	private final String prefix = "cli-" + UUID.randomUUID().toString().substring(0, 8);

	private final Map<String, String> environment = new HashMap<>();

	private Process launcher;

	private Path dir;

	private Path launcherLog;

	private String token;

	@BeforeAll
	void startDcf() throws Exception {
		TestImages.ensureBuilt();
		this.dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "cli-it-");
		this.environment.put("DCF_DATA_DIR", this.dir.resolve("data").toString());
		this.environment.put("DCF_STANDALONE_KAFKA_PORT", String.valueOf(freePort()));
		this.environment.put("DCF_STANDALONE_REGISTRY_PORT", String.valueOf(freePort()));
		this.environment.put("DCF_STANDALONE_HTTP_PORT", String.valueOf(freePort()));
		this.environment.put("DCF_ADMIN_USER", "admin");
		this.environment.put("DCF_ADMIN_PASSWORD", this.password);
		// the reactor has just built the jar this test runs
		this.environment.put("DCF_SKIP_BUILD", "1");
		this.launcherLog = this.dir.resolve("dcf.log");
		URI url = startLauncher();
		HandlerClient api = new HandlerClient(url, "admin", this.password);
		HandlerClient.Response created = api.post("/api/tokens", Map.of("name", "cli-it", "days", 1));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		this.token = created.json().path("token").asString();
	}

	@AfterAll
	void stopDcf() throws InterruptedException {
		if (this.launcher != null && this.launcher.isAlive()) {
			this.launcher.destroy();
			if (!this.launcher.waitFor(60, TimeUnit.SECONDS)) {
				this.launcher.destroyForcibly();
			}
		}
	}

	@Test
	void aFileOfTwoJobsIsAppliedChangedRunStoppedAndDeleted() throws Exception {
		String steady = this.prefix + "-steady";
		String brief = this.prefix + "-brief";
		Path file = this.dir.resolve("jobs.yaml");
		Files.writeString(file, twoJobs(steady, brief, 600));

		Result applied = dcf("apply", "-f", file.toString());
		assertThat(applied.exit()).as(applied.toString()).isZero();
		assertThat(applied.out()).contains(steady + ": created").contains(brief + ": created");

		// a bad second job: refused with its line, and nothing changed
		Path bad = this.dir.resolve("bad.yaml");
		Files.writeString(bad,
				twoJobs(steady, brief, 900).replace(
						"containers: 1\n    cpuLimit: 0.2\n    memoryLimitMb: 64\n    durationSeconds: 30",
						"containers: 0\n    cpuLimit: 0.2\n    memoryLimitMb: 64\n    durationSeconds: 30"));
		Result refused = dcf("apply", "-f", bad.toString());
		assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.err()).contains(bad + ":" + lineOf(bad, "containers: 0") + ": jobs[1].containers");

		// one changed, one not (the brief job starts on creation and may run by now: it
		// keeps its settings, so it is unchanged)
		Files.writeString(file, twoJobs(steady, brief, 900));
		Result changed = dcf("apply", "-f", file.toString());
		assertThat(changed.exit()).as(changed.toString()).isZero();
		assertThat(changed.out()).contains(steady + ": updated")
			.contains("durationSeconds: 600 -> 900")
			.contains(brief + ": unchanged");
		Result again = dcf("apply", "-f", file.toString(), "--output", "json");
		assertThat(again.exit()).as(again.toString()).isZero();
		JsonNode outcomes = JSON.readTree(again.out()).path("jobs");
		assertThat(outcomes.get(0).path("outcome").asString()).isEqualTo("unchanged");
		assertThat(outcomes.get(1).path("outcome").asString()).isEqualTo("unchanged");

		Result notYet = dcf("wait", steady, "--for", "RUNNING", "--timeout", "1s");
		assertThat(notYet.exit()).as("a job never started: timeout; %s", notYet).isEqualTo(4);
		assertThat(dcf("start", steady).exit()).isZero();
		Result running = dcf("wait", steady, "--for", "RUNNING", "--timeout", "90s");
		assertThat(running.exit()).as(running.toString()).isZero();
		assertThat(running.out()).contains(steady + ": RUNNING");
		Result shown = dcf("get", steady, "--output", "json");
		assertThat(shown.exit()).isZero();
		assertThat(JSON.readTree(shown.out()).path("durationSeconds").asLong()).isEqualTo(900);

		// a change with --restart: the running job is stopped and started again, run 2
		Files.writeString(file, twoJobs(steady, brief, 1200));
		Result restarted = dcf("apply", "-f", file.toString(), "--restart", "--timeout", "60s");
		assertThat(restarted.exit()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("durationSeconds: 900 -> 1200").contains(steady + ": restarted");
		assertThat(dcf("wait", steady, "--for", "RUNNING", "--timeout", "90s").exit()).isZero();
		assertThat(JSON.readTree(dcf("get", steady, "--output", "json").out()).path("runNumber").asInt()).isEqualTo(2);

		// the brief job's container exits by itself: its output is kept
		Result completed = dcf("wait", brief, "--for", "COMPLETED", "--timeout", "90s");
		assertThat(completed.exit()).as(completed.toString()).isZero();
		Result logs = dcf("logs", brief);
		assertThat(logs.exit()).as(logs.toString()).isZero();
		assertThat(logs.out()).contains("sleeper started");
		Result report = dcf("report", brief, "--format", "csv");
		assertThat(report.exit()).as(report.toString()).isZero();
		assertThat(report.out()).startsWith("job_id,job_name,run,state").contains(brief + ",1,COMPLETED");
		Result runs = dcf("runs", brief);
		assertThat(runs.exit()).isZero();
		assertThat(runs.out()).contains("COMPLETED");
		Result listed = dcf("list", "--search", this.prefix);
		assertThat(listed.out()).contains(steady).contains(brief);

		assertThat(dcf("stop", steady).exit()).isZero();
		assertThat(dcf("wait", steady, "--for", "COMPLETED", "--timeout", "60s").exit()).isZero();
		assertThat(dcf("delete", steady).exit()).isZero();
		assertThat(dcf("delete", brief).exit()).isZero();
		Result gone = dcf("get", steady);
		assertThat(gone.exit()).as(gone.toString()).isEqualTo(3);
		assertThat(gone.err()).contains("no job named '" + steady + "'");
	}

	/**
	 * Depends on following output ({@code GET .../logs?follow=true}, server-sent events).
	 */
	@Test
	void logsFollowsARunningContainerUntilTheJobStops() throws Exception {
		String name = this.prefix + "-followed";
		Path file = this.dir.resolve("followed.yaml");
		Files.writeString(file, """
				name: %s
				image: %s
				topic: %s
				containers: 1
				cpuLimit: 0.2
				memoryLimitMb: 64
				durationSeconds: 300
				start: true
				""".formatted(name, TestImages.SLEEPER, name));
		assertThat(dcf("apply", "-f", file.toString()).exit()).isZero();
		assertThat(dcf("wait", name, "--for", "RUNNING", "--timeout", "90s").exit()).isZero();

		// stderr to a file: reading the pipe of a live process would block until it ends
		Path followErr = Files.createTempFile(this.dir, "follow-err-", ".txt");
		Process follow = command("logs", name, "-f").redirectError(followErr.toFile()).start();
		List<String> lines = Collections.synchronizedList(new ArrayList<>());
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
				in.lines().forEach(lines::add);
			}
			catch (IOException ex) {
				// the process ended
			}
		});
		reader.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("sleeper started") || !follow.isAlive());
		assertThat(lines).as(() -> "followed output; stderr: " + readQuietly(followErr)).contains("sleeper started");
		assertThat(dcf("stop", name).exit()).isZero();
		assertThat(follow.waitFor(60, TimeUnit.SECONDS)).as("logs -f ended with the job").isTrue();
		assertThat(follow.exitValue()).isZero();
		assertThat(dcf("wait", name, "--for", "COMPLETED", "--timeout", "60s").exit()).isZero();
		assertThat(dcf("delete", name).exit()).isZero();
	}

	private String twoJobs(String steady, String brief, int duration) {
		return """
				# two jobs of the CLI's end-to-end test
				jobs:
				  - name: %s
				    image: %s
				    topic: %s
				    containers: 1
				    cpuLimit: 0.2
				    memoryLimitMb: 64
				    durationSeconds: %d
				  - name: %s
				    image: %s
				    topic: %s
				    containers: 1
				    cpuLimit: 0.2
				    memoryLimitMb: 64
				    durationSeconds: 30
				    start: true
				    env:
				      SLEEP: "1"
				""".formatted(steady, TestImages.SLEEPER, steady, duration, brief, TestImages.SLEEPER, brief);
	}

	private static String readQuietly(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "(unreadable: " + ex.getMessage() + ")";
		}
	}

	private static int lineOf(Path file, String text) throws IOException {
		List<String> lines = Files.readAllLines(file);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i + 1;
			}
		}
		throw new AssertionError(text + " not in " + file);
	}

	record Result(int exit, String out, String err) {
	}

	private Result dcf(String... args) throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.dir, "out-", ".txt");
		Path err = Files.createTempFile(this.dir, "err-", ".txt");
		Process process = command(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("dcf %s ended", String.join(" ", args)).isTrue();
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private ProcessBuilder command(String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.root.resolve("dcf").toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.root.toFile());
		builder.environment().put("DCF_SKIP_BUILD", "1");
		builder.environment().put("DCF_URL", "http://localhost:" + this.environment.get("DCF_STANDALONE_HTTP_PORT"));
		builder.environment().put("DCF_TOKEN", this.token);
		builder.environment().put("HOME", this.dir.toString());
		return builder;
	}

	private URI startLauncher() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(this.root.resolve("dcf").toString()).directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.launcherLog.toFile());
		builder.environment().putAll(this.environment);
		this.launcher = builder.start();
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.readString(this.launcherLog, StandardCharsets.UTF_8).contains(Ready.HEADLINE)) {
				return URI.create("http://localhost:" + this.environment.get("DCF_STANDALONE_HTTP_PORT"));
			}
			assertThat(this.launcher.isAlive()).as("./dcf still running; log in %s", this.launcherLog).isTrue();
			Thread.sleep(500);
		}
		throw new AssertionError("./dcf not ready within " + READY_TIMEOUT + "; log in " + this.launcherLog);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
