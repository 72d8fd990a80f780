package dev.dcf.standalone;

import java.nio.file.Files;
import java.nio.file.Path;

/** The DCF checkout the tests run in (they run with the module as working directory). */
final class RepositoryRoot {

	private RepositoryRoot() {
	}

	static Path get() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isExecutable(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("dcf"))) {
				return dir;
			}
		}
		throw new IllegalStateException("Not inside the DCF checkout: " + Path.of("").toAbsolutePath());
	}

}
