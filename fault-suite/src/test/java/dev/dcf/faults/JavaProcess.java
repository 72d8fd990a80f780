package dev.dcf.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of the suite, either {@code java -cp <the test JVM's classpath> Main} or
 * {@code java -jar}. Small heaps and the serial collector, since everything shares a
 * two-core CI machine; {@code ExitOnOutOfMemoryError} as in production. Run at a higher
 * CPU priority ({@code nice -n -10}, as root; without the right it runs at the normal
 * one) than the build beside the suite: the suite's timers (FaultEnvironment) are sized
 * against its own processes' restarts, not against CPU taken by other modules' tests.
 */
class JavaProcess extends ChildProcess {

	private static final Path NICE = Path.of("/usr/bin/nice");

	private final List<String> launch = new ArrayList<>();

	private final List<String> arguments = new ArrayList<>();

	private JavaProcess(String name, Path log, Path workDir, List<String> launch) {
		super(name, log, workDir);
		this.launch.addAll(launch);
	}

	static JavaProcess main(String name, Path log, Path workDir, Class<?> mainClass, String heap) {
		return new JavaProcess(name, log, workDir,
				List.of("-Xmx" + heap, "-cp", Classpath.testClasspath(),
						"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.dev.dcf=info",
						"-Dorg.slf4j.simpleLogger.showDateTime=true", mainClass.getName()));
	}

	static JavaProcess jar(String name, Path log, Path workDir, Path jar, String heap) {
		return new JavaProcess(name, log, workDir, List.of("-Xmx" + heap, "-jar", jar.toString()));
	}

	/**
	 * Replaces what is launched from the next start on: the JVM options and the main
	 * class or {@code -jar <jar>} (e.g. {@link ClassDataSharing#launch}).
	 */
	JavaProcess launch(List<String> launch) {
		this.launch.clear();
		this.launch.addAll(launch);
		return this;
	}

	/** Replaces the program arguments of the next start. */
	JavaProcess arguments(List<String> arguments) {
		this.arguments.clear();
		this.arguments.addAll(arguments);
		return this;
	}

	List<String> arguments() {
		return List.copyOf(this.arguments);
	}

	@Override
	List<String> command() {
		List<String> command = new ArrayList<>();
		if (Files.isExecutable(NICE)) {
			// nice runs the command at the normal priority if it may not raise it
			command.addAll(List.of(NICE.toString(), "-n", "-10"));
		}
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-XX:+ExitOnOutOfMemoryError");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Xss512k");
		command.addAll(this.launch);
		command.addAll(this.arguments);
		return command;
	}

}
