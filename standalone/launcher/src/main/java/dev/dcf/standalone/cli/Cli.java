package dev.dcf.standalone.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./dcf COMMAND ...}: parses the command line, runs the command against the
 * handler and turns what happened into an exit code. Errors go to standard error (with
 * {@code --output json}, a problem the handler answered goes to standard output as is).
 */
public final class Cli {

	private static final Set<String> GLOBAL_VALUED = Set.of("--output", "--url");

	private static final Set<String> GLOBAL_FLAGS = Set.of("--help");

	private Cli() {
	}

	/**
	 * Whether the arguments are for the command line rather than settings of the
	 * standalone ({@code --name=value ...}, nothing, or {@code run ...}): a first
	 * argument that is a word, so that a mistyped command is a usage error, never a
	 * second DCF started.
	 * @param args the launcher's arguments
	 * @return {@code true} for {@code ./dcf COMMAND ...}
	 */
	public static boolean handles(String[] args) {
		return args.length > 0 && !args[0].startsWith("-") && !args[0].equals("run");
	}

	/**
	 * Runs a command and exits with its code.
	 * @param args the command and its arguments
	 */
	public static void main(String[] args) {
		System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
	}

	/**
	 * Runs a command.
	 * @param args the command and its arguments
	 * @param env the environment
	 * @param out standard output
	 * @param err standard error
	 * @return the exit code
	 */
	static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
		boolean json = false;
		try {
			if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
				out.print(CliHelp.overview());
				return ExitCode.OK.code;
			}
			String command = args.get(0);
			if (!CliHelp.COMMANDS.containsKey(command)) {
				throw new CliException(ExitCode.USAGE, "unknown command " + command + "; dcf help lists them");
			}
			Command spec = Command.of(command);
			List<String> rest = args.subList(1, args.size());
			CliArgs parsed = CliArgs.parse(rest, union(GLOBAL_VALUED, spec.valued()), union(GLOBAL_FLAGS, spec.flags()),
					Map.of("-f", spec.fileAlias() ? "--file" : "--follow", "-h", "--help", "-o", "--output"));
			String output = parsed.get("--output", "text");
			if (!output.equals("text") && !output.equals("json")) {
				throw new CliException(ExitCode.USAGE, "--output must be json or text");
			}
			json = output.equals("json");
			if (parsed.has("--help")) {
				out.print(CliHelp.of(command));
				return ExitCode.OK.code;
			}
			if (command.equals("help")) {
				if (parsed.positionals.isEmpty()) {
					out.print(CliHelp.overview());
				}
				else if (CliHelp.COMMANDS.containsKey(parsed.positionals.get(0))) {
					out.print(CliHelp.of(parsed.positionals.get(0)));
				}
				else {
					throw new CliException(ExitCode.USAGE, "unknown command " + parsed.positionals.get(0));
				}
				return ExitCode.OK.code;
			}
			CliConfig config = CliConfig.load(parsed.get("--url"), env);
			JobCommands commands = new JobCommands(new ApiClient(config), env, out, err, json);
			return commands.run(command, parsed).code;
		}
		catch (CliException ex) {
			if (json && ex.body() != null) {
				out.println(ex.body());
			}
			err.println("dcf: " + ex.getMessage());
			if (ex.exit() == ExitCode.USAGE) {
				err.println("dcf: see dcf help" + ((args.isEmpty()) ? "" : " " + args.get(0)));
			}
			return ex.exit().code;
		}
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

	/** The options of each command. */
	record Command(Set<String> valued, Set<String> flags, boolean fileAlias) {

		static Command of(String name) {
			return switch (name) {
				case "apply" -> new Command(Set.of("--file", "--timeout"), Set.of("--dry-run", "--restart"), true);
				case "list" -> new Command(Set.of("--state", "--search", "--owner"), Set.of(), false);
				case "wait" -> new Command(Set.of("--for", "--timeout"), Set.of(), false);
				case "logs" -> new Command(Set.of("--container", "--tail"), Set.of("--follow"), false);
				case "report" -> new Command(Set.of("--run", "--format"), Set.of(), false);
				default -> new Command(Set.of(), Set.of(), false);
			};
		}

	}

}
