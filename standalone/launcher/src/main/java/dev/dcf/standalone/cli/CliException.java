package dev.dcf.standalone.cli;

/**
 * Ends a command with a message and an exit code.
 */
class CliException extends RuntimeException {

	private final ExitCode exit;

	/**
	 * The problem detail the handler answered, shown as is with {@code --output json}.
	 */
	private final String body;

	CliException(ExitCode exit, String message) {
		this(exit, message, null);
	}

	CliException(ExitCode exit, String message, String body) {
		super(message);
		this.exit = exit;
		this.body = body;
	}

	ExitCode exit() {
		return this.exit;
	}

	String body() {
		return this.body;
	}

}
