package dev.dcf.standalone.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * The commands that act on jobs, each a few calls of the REST API.
 */
class JobCommands {

	private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

	private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

	/** The longest a single wait request lasts (the handler's own bound is 5 minutes). */
	private static final Duration WAIT_CHUNK = Duration.ofMinutes(4);

	private static final Set<String> STATES = Set.of("CREATED", "SCHEDULED", "DEPLOYING", "RUNNING", "STOPPING",
			"COMPLETED", "FAILED", "LOST");

	private static final Set<String> RUNNING = Set.of("DEPLOYING", "RUNNING", "STOPPING");

	private final ApiClient api;

	private final Map<String, String> env;

	private final PrintStream out;

	private final PrintStream err;

	private final boolean json;

	JobCommands(ApiClient api, Map<String, String> env, PrintStream out, PrintStream err, boolean json) {
		this.api = api;
		this.env = env;
		this.out = out;
		this.err = err;
		this.json = json;
	}

	ExitCode run(String command, CliArgs args) {
		return switch (command) {
			case "apply" -> apply(args);
			case "get" -> get(args);
			case "list" -> list(args);
			case "start" -> action(args, "start");
			case "stop" -> action(args, "stop");
			case "delete" -> delete(args);
			case "wait" -> await(args);
			case "logs" -> logs(args);
			case "runs" -> runs(args);
			case "report" -> report(args);
			default -> throw new CliException(ExitCode.USAGE, "unknown command " + command);
		};
	}

	private ExitCode apply(CliArgs args) {
		args.none();
		String file = args.get("--file");
		if (file == null) {
			throw new CliException(ExitCode.USAGE, "apply needs -f FILE");
		}
		String text = substitute(file, read(file));
		boolean dryRun = args.has("--dry-run");
		String type = file.toLowerCase(Locale.ROOT).endsWith(".json") ? "application/json" : "application/yaml";
		ApiClient.Response response;
		try {
			response = this.api.post("/api/jobs/apply" + (dryRun ? "?dryRun=true" : ""), type, text);
		}
		catch (CliException ex) {
			if (!this.json && ex.body() != null) {
				JsonNode errors = ApiClient.JSON.readTree(ex.body()).path("errors");
				for (JsonNode error : errors) {
					int line = error.path("line").asInt(0);
					String field = error.path("field").asString("");
					this.err.println(file + ((line > 0) ? ":" + line : "") + ": "
							+ (field.isEmpty() ? "" : field + ": ") + error.path("message").asString(""));
				}
			}
			throw ex;
		}
		JsonNode answer = response.json();
		if (this.json) {
			this.out.println(pretty(answer));
		}
		else {
			for (JsonNode job : answer.path("jobs")) {
				String id = job.path("id").asString("");
				this.out.println((dryRun ? "(dry run) " : "") + job.path("name").asString() + ": "
						+ job.path("outcome").asString() + (id.isEmpty() ? "" : " (" + id + ")"));
				for (JsonNode change : job.path("changes")) {
					this.out.println("  " + change.path("field").asString() + ": " + shown(change.path("oldValue"))
							+ " -> " + shown(change.path("newValue")));
				}
			}
		}
		if (args.has("--restart") && !dryRun) {
			Duration timeout = duration(args.get("--timeout", "2m"));
			for (JsonNode job : answer.path("jobs")) {
				if ("updated".equals(job.path("outcome").asString())
						&& RUNNING.contains(job.path("state").asString())) {
					restart(job.path("id").asString(), job.path("name").asString(), timeout);
				}
			}
		}
		return ExitCode.OK;
	}

	private void restart(String id, String name, Duration timeout) {
		this.api.post("/api/jobs/" + id + "/stop");
		String state = waitFor(id, "COMPLETED", timeout);
		if (RUNNING.contains(state)) {
			throw new CliException(ExitCode.TIMEOUT, name + " did not stop within " + timeout + " (" + state + ")");
		}
		JsonNode started = this.api.post("/api/jobs/" + id + "/start").json();
		if (!this.json) {
			this.out.println(name + ": restarted (" + started.path("state").asString() + ")");
		}
	}

	private ExitCode get(CliArgs args) {
		JsonNode job = this.api.get("/api/jobs/" + resolve(args.one("job name"))).json();
		if (this.json) {
			this.out.println(pretty(job));
			return ExitCode.OK;
		}
		for (String field : List.of("name", "id", "state", "stateReason", "owner", "image", "topic", "containers",
				"cpuLimit", "memoryLimitMb", "durationSeconds", "runNumber", "recordsProduced", "createdAt",
				"startedAt", "finishedAt")) {
			JsonNode value = job.path(field);
			if (!value.isMissingNode() && !value.isNull()) {
				this.out.println(field + ": " + value.asString());
			}
		}
		return ExitCode.OK;
	}

	private ExitCode list(CliArgs args) {
		args.none();
		StringBuilder query = new StringBuilder("/api/jobs?size=200");
		if (args.has("--state")) {
			query.append("&state=").append(state(args.get("--state")));
		}
		if (args.has("--search")) {
			query.append("&q=").append(encode(args.get("--search")));
		}
		if (args.has("--owner")) {
			query.append("&owner=").append(encode(args.get("--owner")));
		}
		JsonNode page = this.api.get(query.toString()).json();
		if (this.json) {
			this.out.println(pretty(page.path("content")));
			return ExitCode.OK;
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "NAME", "STATE", "OWNER", "RUN", "ID" });
		for (JsonNode job : page.path("content")) {
			rows.add(new String[] { job.path("name").asString(), job.path("state").asString(),
					job.path("owner").asString(), job.path("runNumber").asString(), job.path("id").asString() });
		}
		table(rows);
		return ExitCode.OK;
	}

	private ExitCode action(CliArgs args, String action) {
		String name = args.one("job name");
		JsonNode job = this.api.post("/api/jobs/" + resolve(name) + "/" + action).json();
		this.out.println(this.json ? pretty(job) : name + ": " + job.path("state").asString());
		return ExitCode.OK;
	}

	private ExitCode delete(CliArgs args) {
		String name = args.one("job name");
		String id = resolve(name);
		this.api.delete("/api/jobs/" + id);
		this.out.println(this.json ? "{\"id\":\"" + id + "\",\"deleted\":true}" : name + ": deleted");
		return ExitCode.OK;
	}

	private ExitCode await(CliArgs args) {
		String name = args.one("job name");
		if (!args.has("--for")) {
			throw new CliException(ExitCode.USAGE, "wait needs --for STATE");
		}
		String wanted = state(args.get("--for"));
		Duration timeout = duration(args.get("--timeout", "60s"));
		String id = resolve(name);
		String state = waitFor(id, wanted, timeout);
		if (this.json) {
			this.out.println(pretty(this.api.get("/api/jobs/" + id).json()));
		}
		else {
			this.out.println(name + ": " + state);
		}
		if (state.equals(wanted)) {
			return ExitCode.OK;
		}
		if (state.equals("COMPLETED") || state.equals("FAILED")) {
			throw new CliException(ExitCode.FAILED, name + " ended in " + state + " instead of " + wanted);
		}
		throw new CliException(ExitCode.TIMEOUT, name + " is not " + wanted + " after " + timeout);
	}

	/** Waits with the handler's long poll, in chunks; answers the state at the end. */
	private String waitFor(String id, String wanted, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
			Duration chunk = (left.compareTo(WAIT_CHUNK) < 0) ? left : WAIT_CHUNK;
			JsonNode job = this.api
				.get("/api/jobs/" + id + "?waitFor=" + wanted + "&timeout=" + Math.max(1, chunk.toMillis()) + "ms",
						"application/json", chunk.plusSeconds(30))
				.json();
			String state = job.path("state").asString();
			if (state.equals(wanted) || state.equals("COMPLETED") || state.equals("FAILED")
					|| System.nanoTime() >= deadline) {
				return state;
			}
		}
	}

	private ExitCode logs(CliArgs args) {
		String id = resolve(args.one("job name"));
		int container = args.getInt("--container", 0, 0, 1000);
		int tail = args.getInt("--tail", 100, 1, 10_000);
		String path = "/api/jobs/" + id + "/containers/" + container + "/logs?tail=" + tail;
		if (!args.has("--follow")) {
			ApiClient.Response response = this.api.get(path, this.json ? "application/json" : "text/plain",
					ApiClient.REQUEST_TIMEOUT);
			this.out.print(response.body());
			if (!response.body().endsWith("\n")) {
				this.out.println();
			}
			return ExitCode.OK;
		}
		HttpResponse<Stream<String>> response = this.api.stream(path + "&follow=true", "text/event-stream");
		String type = response.headers().firstValue("Content-Type").orElse("");
		try (Stream<String> lines = response.body()) {
			if (!type.startsWith("text/event-stream")) {
				throw new CliException(ExitCode.FAILED,
						"the handler cannot follow output (it answered " + type + ", not text/event-stream)");
			}
			follow(lines.iterator());
		}
		return ExitCode.OK;
	}

	/** Server-sent events: {@code line} events are printed, {@code end} ends. */
	private void follow(Iterator<String> lines) {
		String event = "message";
		List<String> data = new ArrayList<>();
		while (lines.hasNext()) {
			String line = lines.next();
			if (line.isEmpty()) {
				String text = String.join("\n", data);
				if (event.equals("line")) {
					this.out.println(this.json ? "{\"line\":" + ApiClient.JSON.writeValueAsString(text) + "}" : text);
					this.out.flush();
				}
				else if (event.equals("end")) {
					this.err.println("dcf: output ended: " + text);
					return;
				}
				event = "message";
				data.clear();
			}
			else if (line.startsWith("event:")) {
				event = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(5);
				data.add(value.startsWith(" ") ? value.substring(1) : value);
			}
		}
	}

	private ExitCode runs(CliArgs args) {
		JsonNode runs = this.api.get("/api/jobs/" + resolve(args.one("job name")) + "/runs").json();
		if (this.json) {
			this.out.println(pretty(runs));
			return ExitCode.OK;
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "RUN", "STATE", "STARTED", "ENDED", "RECORDS" });
		for (JsonNode run : runs) {
			rows.add(new String[] { run.path("runNumber").asString(), run.path("state").asString(""),
					run.path("startedAt").asString("-"), run.path("endedAt").asString("-"),
					run.path("records").asString("-") });
		}
		table(rows);
		return ExitCode.OK;
	}

	private ExitCode report(CliArgs args) {
		String id = resolve(args.one("job name"));
		String format = args.get("--format", this.json ? "json" : "csv");
		if (!format.equals("csv") && !format.equals("json")) {
			throw new CliException(ExitCode.USAGE, "--format must be csv or json");
		}
		int run;
		if (args.has("--run")) {
			run = args.getInt("--run", 1, 1, Integer.MAX_VALUE);
		}
		else {
			run = 0;
			for (JsonNode each : this.api.get("/api/jobs/" + id + "/runs").json()) {
				run = Math.max(run, each.path("runNumber").asInt());
			}
			if (run == 0) {
				throw new CliException(ExitCode.NOT_FOUND, "the job has no runs yet");
			}
		}
		String body = this.api.get("/api/jobs/" + id + "/runs/" + run + "/report?format=" + format).body();
		this.out.print(body);
		if (!body.endsWith("\n")) {
			this.out.println();
		}
		return ExitCode.OK;
	}

	/** A job's id from its name (among the caller's jobs) or its id. */
	private String resolve(String nameOrId) {
		if (UUID.matcher(nameOrId).matches()) {
			return nameOrId;
		}
		return this.api.get("/api/jobs/by-name/" + encode(nameOrId).replace("+", "%20")).json().path("id").asString();
	}

	private static String read(String file) {
		try {
			return file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
					: Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			throw new CliException(ExitCode.USAGE, "no file " + file);
		}
		catch (IOException ex) {
			throw new CliException(ExitCode.FAILED, "cannot read " + file + ": " + ex.getMessage());
		}
	}

	/** {@code ${VAR}} replaced by the environment's VAR; an unset one is an error. */
	private String substitute(String file, String text) {
		Matcher matcher = VARIABLE.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String value = this.env.get(matcher.group(1));
			if (value == null) {
				int line = (int) text.substring(0, matcher.start()).chars().filter((c) -> c == '\n').count() + 1;
				throw new CliException(ExitCode.FAILED,
						file + ":" + line + ": " + matcher.group() + " is not set in the environment");
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	private static String state(String state) {
		String upper = state.toUpperCase(Locale.ROOT);
		if (!STATES.contains(upper)) {
			throw new CliException(ExitCode.USAGE, state + " is not a job state (" + String.join(", ", STATES) + ")");
		}
		return upper;
	}

	static Duration duration(String text) {
		Matcher matcher = DURATION.matcher(text.strip());
		if (!matcher.matches()) {
			throw new CliException(ExitCode.USAGE, "a duration is like 90s, 2m, 1h or 500ms, not " + text);
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String shown(JsonNode value) {
		return (value.isMissingNode() || value.isNull()) ? "(none)"
				: value.isValueNode() ? value.asString() : value.toString();
	}

	private static String pretty(JsonNode node) {
		return ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
	}

	private void table(List<String[]> rows) {
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append((i < row.length - 1) ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
			}
			this.out.println(line.toString().stripTrailing());
		}
	}

}
