package dev.dcf.standalone;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the sample generator image is there, so the pre-filled job of the GUI runs
 * on a fresh machine. When Docker answers and {@value #IMAGE} is missing, it is built
 * offline with {@code scripts/build-test-images.sh generator} (no registry needed). Never
 * fails the start: without Docker the agent reports itself unhealthy, and a failed build
 * is logged with what to do.
 */
final class GeneratorImage {

	static final String IMAGE = "dcf/sample-generator:latest";

	static final String SCRIPT = "scripts/build-test-images.sh";

	static final String GENERATOR_JAR = "data-generator/target/dcf-data-generator.jar";

	private static final Logger log = LoggerFactory.getLogger(GeneratorImage.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	private final Commands commands;

	private final Path home;

	private final boolean build;

	private final String image;

	/**
	 * @param commands how commands run
	 * @param home the DCF checkout, null if unknown (then nothing can be built)
	 * @param build whether a missing image is built
	 * ({@code dcf.standalone.build-generator-image})
	 */
	GeneratorImage(Commands commands, Path home, boolean build) {
		this(commands, home, build, IMAGE);
	}

	/**
	 * @param image the image to look for and build (tests use one of their own)
	 */
	GeneratorImage(Commands commands, Path home, boolean build, String image) {
		this.commands = commands;
		this.home = home;
		this.build = build;
		this.image = image;
	}

	/**
	 * The DCF checkout: the configured one, else the first of the working directory and
	 * the ancestors of the launcher jar that holds {@value #SCRIPT}.
	 * @return the checkout, or null if none was found
	 */
	static Path findHome(Path configured, Path workingDirectory, String classPath) {
		if (configured != null) {
			return configured.toAbsolutePath().normalize();
		}
		if (Files.isRegularFile(workingDirectory.resolve(SCRIPT))) {
			return workingDirectory.toAbsolutePath().normalize();
		}
		if (classPath != null && !classPath.isBlank() && !classPath.contains(File.pathSeparator)) {
			for (Path dir = Path.of(classPath).toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
				if (Files.isRegularFile(dir.resolve(SCRIPT))) {
					return dir.normalize();
				}
			}
		}
		return null;
	}

	/** What was found or done, one short line for the ready message. */
	String ensure() {
		try {
			if (this.commands.run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), null, PROBE_TIMEOUT,
					(line) -> {
					}) != 0) {
				return "Docker not reachable: jobs cannot run until it is (the agent shows why)";
			}
			if (this.commands.run(List.of("docker", "image", "inspect", "--format", "{{.Id}}", this.image), null,
					PROBE_TIMEOUT, (line) -> {
					}) == 0) {
				return this.image + " present";
			}
		}
		catch (IOException ex) {
			return "docker CLI not found: cannot check for " + this.image;
		}
		return build();
	}

	private String build() {
		if (!this.build) {
			return this.image + " missing, not built (dcf.standalone.build-generator-image=false)";
		}
		if (this.home == null || !Files.isRegularFile(this.home.resolve(SCRIPT))) {
			log.warn("{} is missing and {} was not found (set DCF_STANDALONE_HOME to the DCF checkout)", this.image,
					SCRIPT);
			return this.image + " missing, not built (" + SCRIPT + " not found)";
		}
		if (!Files.isRegularFile(this.home.resolve(GENERATOR_JAR))) {
			log.warn("{} is missing and {} is not built: run ./mvnw -B -pl data-generator package, then {} generator",
					this.image, GENERATOR_JAR, SCRIPT);
			return this.image + " missing, not built (" + GENERATOR_JAR + " missing)";
		}
		log.info("{} is missing: building it offline with {} generator", this.image, SCRIPT);
		try {
			List<String> command = new ArrayList<>(List.of("bash", this.home.resolve(SCRIPT).toString(), "generator"));
			if (!IMAGE.equals(this.image)) {
				command.addAll(0, List.of("env", "DCF_GENERATOR_IMAGE=" + this.image));
			}
			int exit = this.commands.run(command, this.home, BUILD_TIMEOUT, (line) -> log.info("[image] {}", line));
			if (exit == 0) {
				return this.image + " built";
			}
			log.warn("Building {} failed (exit {}); run {} generator to see why", this.image, exit, SCRIPT);
			return this.image + " missing, build failed (exit " + exit + ")";
		}
		catch (IOException ex) {
			log.warn("Cannot run {}: {}", SCRIPT, ex.getMessage());
			return this.image + " missing, build failed (" + ex.getMessage() + ")";
		}
	}

}
