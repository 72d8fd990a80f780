package dev.dcf.standalone.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The help text of every command ({@code dcf help COMMAND}, {@code dcf COMMAND --help}).
 */
final class CliHelp {

	static final String COMMON = """

			Options of every command:
			  --output json    print the handler's JSON instead of text
			  --url URL        the handler (default: $DCF_URL, url= in the config file, http://localhost:8080)
			  -h, --help       this help
			The API token comes from $DCF_TOKEN or token= in the config file ($DCF_CONFIG, default
			~/.config/dcf/config), never from the command line.
			Exit codes: 0 ok, 1 refused or failed, 2 wrong command line, 3 not found, 4 timed out,
			5 not authorized.
			""";

	static final Map<String, String> COMMANDS = new LinkedHashMap<>();

	static {
		COMMANDS.put("apply", """
				dcf apply -f FILE [--dry-run] [--restart] [--timeout 2m]
				  Applies a job file (YAML or JSON; - reads standard input): each job, known by its name among
				  your jobs, is created when new, has its settings updated when they differ (a running job keeps
				  running; the change applies to its next run), or is left alone when equal. All or none: a file
				  with one bad job changes nothing and every problem is shown with its line. ${VAR} in the file is
				  replaced by the environment variable VAR (for secrets; an unset one is an error).
				  --dry-run   only show what would change
				  --restart   stop updated jobs that are running and start them again with the new settings
				              (waits at most --timeout for each to stop)
				""");
		COMMANDS.put("get", """
				dcf get NAME
				  Shows one of your jobs (NAME may also be a job id).
				""");
		COMMANDS.put("list", """
				dcf list [--state STATE] [--search TEXT] [--owner USER]
				  Lists jobs (up to 200, newest first), optionally by state, text in name/image/topic, or owner.
				""");
		COMMANDS.put("start", """
				dcf start NAME
				  Starts the job (a new run if it has ended).
				""");
		COMMANDS.put("stop", """
				dcf stop NAME
				  Stops the job's run.
				""");
		COMMANDS.put("delete", """
				dcf delete NAME
				  Deletes a job that is not running (stop it and wait first).
				""");
		COMMANDS.put("wait", """
				dcf wait NAME --for STATE [--timeout 60s]
				  Waits until the job is in STATE (e.g. RUNNING, COMPLETED). Exit code 4 when the timeout passes,
				  1 when the run ended in another state first (COMPLETED or FAILED).
				""");
		COMMANDS.put("logs", """
				dcf logs NAME [-f] [--container N] [--tail N]
				  Prints a container's output (default container 0, the last 100 lines): the output kept when it
				  exited, or with -f its live output until the container or the job stops.
				""");
		COMMANDS.put("runs", """
				dcf runs NAME
				  Lists the job's runs.
				""");
		COMMANDS.put("report", """
				dcf report NAME [--run N] [--format csv|json]
				  Prints the report of a run (default: the newest) as CSV or JSON.
				""");
		COMMANDS.put("help", """
				dcf help [COMMAND]
				  Shows the commands, or one command's help.
				""");
	}

	private CliHelp() {
	}

	static String overview() {
		StringBuilder text = new StringBuilder("""
				Usage: dcf                       runs DCF standalone (see ./dcf's header)
				       dcf COMMAND [ARGS...]     talks to a running handler

				Commands:
				""");
		COMMANDS.forEach((name, help) -> text.append("  ").append(help.lines().findFirst().orElse("")).append('\n'));
		text.append("\nRun dcf help COMMAND for a command's help. Job files: docs/cli.md.\n");
		return text + COMMON;
	}

	static String of(String command) {
		return COMMANDS.get(command) + COMMON;
	}

}
