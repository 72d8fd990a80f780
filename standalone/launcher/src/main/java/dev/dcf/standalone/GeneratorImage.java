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
 * Makes sure the generator images are there, so the pre-filled job of the GUI and jobs of
 * the built-in generator run on a fresh machine. When Docker answers and {@value #IMAGE}
 * (or {@code dcf/generator:latest}) is missing, it is built offline with
 * {@code scripts/build-test-images.sh generator} (or {@code builtin-generator}; no
 * registry needed). Never fails the start: without Docker the agent reports itself
 * unhealthy, and a failed build is logged with what to do.
 */
final class GeneratorImage {

	static final String IMAGE = "dcf/sample-generator:latest";

	static final String SCRIPT = "scripts/build-test-images.sh";

	static final String GENERATOR_JAR = "data-generator/target/dcf-data-generator.jar";

	private static final Logger log = LoggerFactory.getLogger(GeneratorImage.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	/** The sample generator. */
	static final Kind SAMPLE = new Kind(IMAGE, "generator", GENERATOR_JAR, "data-generator", "DCF_GENERATOR_IMAGE");

	/** The built-in generator, which jobs use without an image of their own. */
	static final Kind BUILTIN = new Kind("dcf/generator:latest", "builtin-generator",
			"generator/target/dcf-generator.jar", "generator", "DCF_BUILTIN_GENERATOR_IMAGE");

	private final Commands commands;

	private final Path home;

	private final boolean build;

	private final List<Kind> kinds;

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
	 * @param image the sample generator image to look for and build (tests use one of
	 * their own)
	 */
	GeneratorImage(Commands commands, Path home, boolean build, String image) {
		this(commands, home, build, List
			.of(new Kind(image, SAMPLE.scriptArgument(), SAMPLE.jar(), SAMPLE.module(), SAMPLE.imageVariable())));
	}

	/**
	 * @param kinds the images to look for and build, in order
	 */
	GeneratorImage(Commands commands, Path home, boolean build, List<Kind> kinds) {
		this.commands = commands;
		this.home = home;
		this.build = build;
		this.kinds = List.copyOf(kinds);
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
		}
		catch (IOException ex) {
			return "docker CLI not found: cannot check for "
					+ String.join(", ", this.kinds.stream().map(Kind::image).toList());
		}
		List<String> results = new ArrayList<>();
		for (Kind kind : this.kinds) {
			results.add(ensure(kind));
		}
		return String.join(", ", results);
	}

	private String ensure(Kind kind) {
		try {
			if (this.commands.run(List.of("docker", "image", "inspect", "--format", "{{.Id}}", kind.image()), null,
					PROBE_TIMEOUT, (line) -> {
					}) == 0) {
				return kind.image() + " present";
			}
		}
		catch (IOException ex) {
			return "docker CLI not found: cannot check for " + kind.image();
		}
		return build(kind);
	}

	private String build(Kind kind) {
		String image = kind.image();
		if (!this.build) {
			return image + " missing, not built (dcf.standalone.build-generator-image=false)";
		}
		if (this.home == null || !Files.isRegularFile(this.home.resolve(SCRIPT))) {
			log.warn("{} is missing and {} was not found (set DCF_STANDALONE_HOME to the DCF checkout)", image, SCRIPT);
			return image + " missing, not built (" + SCRIPT + " not found)";
		}
		if (!Files.isRegularFile(this.home.resolve(kind.jar()))) {
			log.warn("{} is missing and {} is not built: run ./mvnw -B -pl {} -am package, then {} {}", image,
					kind.jar(), kind.module(), SCRIPT, kind.scriptArgument());
			return image + " missing, not built (" + kind.jar() + " missing)";
		}
		log.info("{} is missing: building it offline with {} {}", image, SCRIPT, kind.scriptArgument());
		try {
			List<String> command = new ArrayList<>(
					List.of("bash", this.home.resolve(SCRIPT).toString(), kind.scriptArgument()));
			if (!kind.isDefaultImage()) {
				command.addAll(0, List.of("env", kind.imageVariable() + "=" + image));
			}
			int exit = this.commands.run(command, this.home, BUILD_TIMEOUT, (line) -> log.info("[image] {}", line));
			if (exit == 0) {
				return image + " built";
			}
			log.warn("Building {} failed (exit {}); run {} {} to see why", image, exit, SCRIPT, kind.scriptArgument());
			return image + " missing, build failed (exit " + exit + ")";
		}
		catch (IOException ex) {
			log.warn("Cannot run {}: {}", SCRIPT, ex.getMessage());
			return image + " missing, build failed (" + ex.getMessage() + ")";
		}
	}

	/**
	 * An image the launcher makes sure of.
	 *
	 * @param image its name
	 * @param scriptArgument the argument of {@value #SCRIPT} that builds it
	 * @param jar the jar it is made of, relative to the checkout
	 * @param module the Maven module that builds the jar
	 * @param imageVariable the variable that makes the script build it under another name
	 */
	record Kind(String image, String scriptArgument, String jar, String module, String imageVariable) {

		boolean isDefaultImage() {
			return this.image.equals(IMAGE) || this.image.equals("dcf/generator:latest");
		}

	}

}
