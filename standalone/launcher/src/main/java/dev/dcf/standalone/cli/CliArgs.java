package dev.dcf.standalone.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: positionals and {@code --name value} / {@code --name=value}
 * options (flags take no value). Unknown options are usage errors.
 */
final class CliArgs {

	final List<String> positionals = new ArrayList<>();

	private final Map<String, String> options = new HashMap<>();

	private CliArgs() {
	}

	/**
	 * @param args the arguments after the command
	 * @param valued options that take a value (long names, e.g. {@code --timeout})
	 * @param flags options that take none
	 * @param aliases short names, e.g. {@code -f} for {@code --file}
	 */
	static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags, Map<String, String> aliases) {
		CliArgs parsed = new CliArgs();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			if (!arg.startsWith("-") || arg.equals("-")) {
				parsed.positionals.add(arg);
				continue;
			}
			String name = arg;
			String value = null;
			int equals = arg.indexOf('=');
			if (arg.startsWith("--") && equals > 0) {
				name = arg.substring(0, equals);
				value = arg.substring(equals + 1);
			}
			name = aliases.getOrDefault(name, name);
			if (name.equals("--token") || name.equals("--password")) {
				throw new CliException(ExitCode.USAGE,
						"secrets are never given on the command line: set DCF_TOKEN or put token= in the config file");
			}
			if (flags.contains(name)) {
				if (value != null) {
					throw new CliException(ExitCode.USAGE, name + " takes no value");
				}
				parsed.options.put(name, "true");
			}
			else if (valued.contains(name)) {
				if (value == null) {
					if (i + 1 >= args.size()) {
						throw new CliException(ExitCode.USAGE, name + " needs a value");
					}
					value = args.get(++i);
				}
				parsed.options.put(name, value);
			}
			else {
				throw new CliException(ExitCode.USAGE, "unknown option " + arg);
			}
		}
		return parsed;
	}

	String get(String name) {
		return this.options.get(name);
	}

	String get(String name, String otherwise) {
		return this.options.getOrDefault(name, otherwise);
	}

	boolean has(String name) {
		return this.options.containsKey(name);
	}

	int getInt(String name, int otherwise, int min, int max) {
		String value = this.options.get(name);
		if (value == null) {
			return otherwise;
		}
		try {
			int parsed = Integer.parseInt(value);
			if (parsed < min || parsed > max) {
				throw new CliException(ExitCode.USAGE, name + " must be between " + min + " and " + max);
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new CliException(ExitCode.USAGE, name + " must be a whole number");
		}
	}

	/** The one positional argument the command needs (e.g. the job's name). */
	String one(String what) {
		if (this.positionals.size() != 1) {
			throw new CliException(ExitCode.USAGE, "give exactly one " + what);
		}
		return this.positionals.get(0);
	}

	void none() {
		if (!this.positionals.isEmpty()) {
			throw new CliException(ExitCode.USAGE, "unexpected argument " + this.positionals.get(0));
		}
	}

}
