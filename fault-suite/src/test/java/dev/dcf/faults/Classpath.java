package dev.dcf.faults;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The test JVM's classpath and the executable jars on it. Failsafe starts the test JVM
 * with a manifest-only jar, so {@code java.class.path} is not the real classpath; it puts
 * the real one in {@code surefire.test.class.path}.
 */
final class Classpath {

	private Classpath() {
	}

	static String testClasspath() {
		String classpath = System.getProperty("surefire.test.class.path");
		return (classpath != null && !classpath.isBlank()) ? classpath : System.getProperty("java.class.path");
	}

	/**
	 * The executable jar of a DCF module, a dependency of this module with classifier
	 * {@code exec}: resolved by Maven from the reactor or the local repository.
	 */
	static Path execJar(String artifactId) {
		return Arrays.stream(testClasspath().split(File.pathSeparator)).map(Path::of).filter((path) -> {
			String file = path.getFileName().toString();
			return file.startsWith(artifactId + "-") && file.endsWith("-exec.jar");
		})
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No " + artifactId + "-*-exec.jar on the classpath; build the module first (./mvnw install)"));
	}

}
