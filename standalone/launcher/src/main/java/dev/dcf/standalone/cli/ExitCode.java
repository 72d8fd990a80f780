package dev.dcf.standalone.cli;

/**
 * Exit codes scripts can rely on (docs/cli.md).
 */
enum ExitCode {

	/** Done. */
	OK(0),
	/** Refused (bad file, conflict), failed, or the handler could not be reached. */
	FAILED(1),
	/** The command line is wrong. */
	USAGE(2),
	/** No such job, run or output. */
	NOT_FOUND(3),
	/** {@code wait} ran out of time. */
	TIMEOUT(4),
	/** No or a wrong token, or not allowed. */
	NOT_AUTHORIZED(5);

	final int code;

	ExitCode(int code) {
		this.code = code;
	}

}
