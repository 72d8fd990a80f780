package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL cluster of the suite's own (Debian's binaries, initdb + pg_ctl) in a
 * temporary directory on a free port, so the database scenario can stop and start it
 * without touching the machine's main cluster. PostgreSQL refuses to run as root, and the
 * suite runs as root in CI: every command runs as {@code postgres} through
 * {@code runuser}. Local connections are trusted (a throw-away test cluster).
 */
final class PrivatePostgres implements AutoCloseable {

	static final Path BIN_ROOT = Path.of("/usr/lib/postgresql");

	final int port;

	private final Path bin;

	private final Path dataDir;

	private final Path serverLog;

	private final Path copiedLog;

	PrivatePostgres(Path workspace, Path logs) {
		this.port = Ports.free();
		this.bin = binaries();
		this.dataDir = workspace.resolve("pg");
		this.serverLog = workspace.resolve("pg.log");
		this.copiedLog = logs.resolve("postgres.log");
	}

	/** The newest installed version's bin directory, or null if none. */
	static Path binaries() {
		try (var versions = Files.list(BIN_ROOT)) {
			return versions.map((version) -> version.resolve("bin"))
				.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
				.max((a, b) -> Integer.compare(major(a), major(b)))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static int major(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	void init() {
		try {
			Files.createDirectories(this.dataDir);
			Files.createFile(this.serverLog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Shell.run(List.of("chown", "-R", "postgres:postgres", this.dataDir.toString(), this.serverLog.toString()), 10);
		asPostgres(120, this.bin.resolve("initdb").toString(), "-D", this.dataDir.toString(), "-U", "postgres",
				"--auth=trust", "-E", "UTF8", "--no-sync");
	}

	void start() {
		asPostgres(120, this.bin.resolve("pg_ctl").toString(), "-D", this.dataDir.toString(), "-l",
				this.serverLog.toString(), "-w", "-t", "90", "-o",
				"-p " + this.port + " -k " + this.dataDir + " -c listen_addresses=localhost -c fsync=off", "start");
	}

	/**
	 * A fast shutdown: sessions are disconnected, as when a database server goes away.
	 */
	void stop() {
		asPostgres(90, this.bin.resolve("pg_ctl").toString(), "-D", this.dataDir.toString(), "-m", "fast", "-w",
				"stop");
	}

	private static void asPostgres(int timeoutSeconds, String... command) {
		List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		full.addAll(List.of(command));
		Shell.run(full, timeoutSeconds);
	}

	@Override
	public void close() {
		if (Files.exists(this.dataDir.resolve("postmaster.pid"))) {
			Shell.tryRun(List.of("runuser", "-u", "postgres", "--", this.bin.resolve("pg_ctl").toString(), "-D",
					this.dataDir.toString(), "-m", "immediate", "-w", "stop"), 60);
		}
		try {
			if (Files.exists(this.serverLog)) {
				Files.copy(this.serverLog, this.copiedLog, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		catch (IOException ex) {
			// the log is a convenience
		}
	}

}
