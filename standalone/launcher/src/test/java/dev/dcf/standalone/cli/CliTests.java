package dev.dcf.standalone.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line without a handler: arguments, help, configuration and exit codes (a
 * JDK HTTP server stands in for the handler's answers where one is needed; the real
 * handler: CliEndToEndIT).
 */
class CliTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final Map<String, String> env = new HashMap<>();

	private HttpServer server;

	@TempDir
	Path dir;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	private int run(String... args) {
		this.env.putIfAbsent("HOME", this.dir.toString());
		return Cli.run(List.of(args), this.env, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	@Test
	void everyCommandHasHelp() {
		for (String command : CliHelp.COMMANDS.keySet()) {
			this.out.reset();
			assertThat(run(command, "--help")).isZero();
			assertThat(this.out.toString()).startsWith("dcf " + command).contains("Exit codes");
			this.out.reset();
			assertThat(run("help", command)).isZero();
			assertThat(this.out.toString()).startsWith("dcf " + command);
		}
		this.out.reset();
		assertThat(run("help")).isZero();
		assertThat(this.out.toString()).contains("dcf apply -f FILE").contains("dcf logs NAME");
	}

	@Test
	void aWrongCommandLineExitsWithTwo() {
		assertThat(run("frob")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown command frob");
		assertThat(run("apply")).isEqualTo(2);
		assertThat(run("wait", "job")).as("no --for").isEqualTo(2);
		assertThat(run("wait", "job", "--for", "DANCING")).isEqualTo(2);
		assertThat(run("get", "a", "b")).isEqualTo(2);
		assertThat(run("list", "--frob")).isEqualTo(2);
		assertThat(run("list", "--output", "yaml")).isEqualTo(2);
		assertThat(run("wait", "job", "--for", "RUNNING", "--timeout", "soon")).isEqualTo(2);
	}

	@Test
	void aTokenOrPasswordIsNeverTakenFromTheCommandLine() {
		assertThat(run("list", "--token", "dcf_secret")).isEqualTo(2);
		assertThat(run("list", "--password=secret")).isEqualTo(2);
		assertThat(this.err.toString()).contains("DCF_TOKEN");
	}

	@Test
	void theEnvironmentWinsOverTheConfigFile() throws IOException {
		Path config = Files.writeString(this.dir.resolve("config"), "url=http://file:1\ntoken=from-file\n");
		this.env.put("DCF_CONFIG", config.toString());
		assertThat(CliConfig.load(null, this.env))
			.isEqualTo(new CliConfig(java.net.URI.create("http://file:1"), "from-file"));
		this.env.put("DCF_URL", "http://env:2/");
		this.env.put("DCF_TOKEN", "from-env");
		assertThat(CliConfig.load(null, this.env))
			.isEqualTo(new CliConfig(java.net.URI.create("http://env:2"), "from-env"));
		assertThat(CliConfig.load("http://option:3", this.env).url()).hasToString("http://option:3");
		this.env.clear();
		this.env.put("HOME", this.dir.toString());
		assertThat(CliConfig.load(null, this.env))
			.isEqualTo(new CliConfig(java.net.URI.create("http://localhost:8080"), null));
	}

	@Test
	void durationsAreLikeTheHandlers() {
		assertThat(JobCommands.duration("90")).isEqualTo(Duration.ofSeconds(90));
		assertThat(JobCommands.duration("90s")).isEqualTo(Duration.ofSeconds(90));
		assertThat(JobCommands.duration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(JobCommands.duration("500ms")).isEqualTo(Duration.ofMillis(500));
	}

	@Test
	void anUnreachableHandlerExitsWithOne() {
		this.env.put("DCF_URL", "http://127.0.0.1:1");
		assertThat(run("list")).isEqualTo(1);
		assertThat(this.err.toString()).contains("cannot reach the handler at http://127.0.0.1:1");
	}

	@Test
	void theHandlersAnswerChoosesTheExitCode() throws IOException {
		answer(404, "{\"title\":\"Job not found\",\"detail\":\"You have no job named 'x'\",\"status\":404}");
		assertThat(run("get", "x")).isEqualTo(3);
		assertThat(this.err.toString()).contains("You have no job named 'x'");
		this.out.reset();
		assertThat(run("get", "x", "--output", "json")).as("the problem as is on stdout").isEqualTo(3);
		assertThat(this.out.toString()).contains("\"status\":404");
		answer(401, "{\"title\":\"Unauthorized\",\"status\":401}");
		assertThat(run("list")).isEqualTo(5);
		assertThat(this.err.toString()).contains("no API token");
	}

	@Test
	void aRefusedFileShowsEveryProblemWithItsLineAndExitsWithOne() throws IOException {
		answer(400, """
				{"title": "Invalid job file", "status": 400, "detail": "The job file is invalid: 1 problem",
				 "errors": [{"field": "jobs[1].containers", "line": 12, "message": "must be between 1 and 50"}]}
				""");
		Path file = Files.writeString(this.dir.resolve("jobs.yaml"), "name: a\n");
		assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains(file + ":12: jobs[1].containers: must be between 1 and 50");
	}

	@Test
	void anUnsetVariableInTheFileIsAnErrorBeforeAnythingIsSent() throws IOException {
		Path file = Files.writeString(this.dir.resolve("jobs.yaml"), "name: a\nenv:\n  PASSWORD: ${DB_PASSWORD}\n");
		this.env.put("DCF_URL", "http://127.0.0.1:1");
		assertThat(run("apply", "-f", file.toString())).isEqualTo(1);
		assertThat(this.err.toString()).contains(file + ":3: ${DB_PASSWORD} is not set");
	}

	private void answer(int status, String problem) throws IOException {
		if (this.server != null) {
			this.server.stop(0);
		}
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			byte[] body = problem.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
		this.env.put("DCF_URL", "http://127.0.0.1:" + this.server.getAddress().getPort());
	}

}
