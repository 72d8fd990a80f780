package dev.dcf.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Spring Boot's efficient deployment of an executable jar, for the suite's JVMs that
 * scenarios restart: the jar extracted ({@code java -Djarmode=tools -jar <jar> extract})
 * and a class data sharing archive written by a training run
 * ({@code -XX:ArchiveClassesAtExit}, {@code -Dspring.context.exit=onRefresh}: the context
 * is refreshed, nothing is started, the JVM exits). The same classes and code as
 * {@code java -jar <exec jar>}; only class loading is quicker, so an agent restarted in a
 * scenario is back in a few seconds even on a loaded machine. The suite's timers (agent
 * timeout, holds) are sized against that restart time.
 */
final class ClassDataSharing {

	private final String name;

	private final Path extractedJar;

	private final Path archive;

	private ClassDataSharing(String name, Path extractedJar, Path archive) {
		this.name = name;
		this.extractedJar = extractedJar;
		this.archive = archive;
	}

	/** Extracts {@code execJar} into {@code directory} (created). */
	static ClassDataSharing extract(String name, Path execJar, Path directory) {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Shell.run(List.of(java.toString(), "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--destination",
				directory.toString()), 120);
		Path extracted = directory.resolve(execJar.getFileName());
		if (!Files.isRegularFile(extracted)) {
			throw new IllegalStateException("Extracting " + execJar + " left no " + extracted);
		}
		return new ClassDataSharing(name, extracted, directory.resolve(name + ".jsa"));
	}

	/**
	 * Runs the application once up to its refreshed context, writing the archive at its
	 * exit; its output goes to {@code <name>-training.log}. Side effects are those of a
	 * context refresh (no lifecycle bean starts: no heartbeat, no consumer).
	 * @param heap the heap of the runs that will use the archive
	 * @param arguments program arguments that let the context refresh
	 */
	void train(Path logs, String heap, List<String> arguments) {
		JavaProcess training = JavaProcess.jar(this.name + "-training", logs.resolve(this.name + "-training.log"),
				logs.resolve(this.name + "-training"), this.extractedJar, heap);
		List<String> launch = new ArrayList<>(List.of("-Xmx" + heap, "-XX:ArchiveClassesAtExit=" + this.archive,
				"-Dspring.context.exit=onRefresh", "-jar", this.extractedJar.toString()));
		training.launch(launch).arguments(arguments);
		training.start();
		int exit = training.awaitExit(180);
		if (exit != 0 || !Files.isRegularFile(this.archive)) {
			training.kill();
			throw new IllegalStateException("The " + this.name + " training run ended with " + exit
					+ " and left no archive " + this.archive + "; see " + logs.resolve(this.name + "-training.log"));
		}
	}

	/** The JVM options and {@code -jar} of a run that uses the archive. */
	List<String> launch(String heap) {
		return List.of("-Xmx" + heap, "-XX:SharedArchiveFile=" + this.archive, "-jar", this.extractedJar.toString());
	}

}
