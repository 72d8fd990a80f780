package dev.dcf.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standalone started on a machine without its sample image builds it with the real
 * offline script ({@code scripts/build-test-images.sh generator}) on the real Docker
 * daemon. The test asks for an image name of its own, so that the image other tests run
 * at the same time ({@value GeneratorImage#IMAGE}) is never taken away; the script builds
 * it from the same inputs, so it carries the same content hash.
 */
@RequiresDocker
class SampleImageBuildIT {

	private static final String IMAGE = "dcf/sample-generator:it-" + UUID.randomUUID().toString().substring(0, 8);

	private static final String HASH_LABEL = "dev.dcf.content-hash";

	private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "it-" + UUID.randomUUID();

	private Standalone standalone;

	@AfterEach
	void removeTheImage() throws IOException {
		try {
			if (this.standalone != null) {
				this.standalone.stop();
			}
		}
		finally {
			if (inspect(IMAGE, "{{.Id}}") != null) {
				docker("rmi", IMAGE);
			}
		}
	}

	@Test
	void standaloneBuildsAMissingSampleImageWithTheOfflineScript() throws Exception {
		TestImages.ensureBuilt();
		String expectedHash = label(GeneratorImage.IMAGE);
		assertThat(expectedHash).as("%s label of the image the script built before", HASH_LABEL).hasSize(64);
		assertThat(inspect(IMAGE, "{{.Id}}")).as("%s before the start", IMAGE).isNull();

		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sample-image-it-");
		StandaloneSettings settings = new StandaloneSettings(dataDir, 0, 0, 0, false, null, Duration.ofSeconds(90),
				true);
		this.standalone = new Standalone(settings, new AdminLogin(PASSWORD),
				new String[] { "--dcf.agent.heartbeat-interval=1s" },
				new GeneratorImage(Commands.SYSTEM, RepositoryRoot.get(), true, IMAGE), Clock.systemUTC());
		Ready ready = this.standalone.start();

		assertThat(ready.generatorImage()).isEqualTo(IMAGE + " built");
		String builtId = inspect(IMAGE, "{{.Id}}");
		assertThat(builtId).as("%s after the start", IMAGE).isNotNull();
		// a new import, not the other image tagged again
		assertThat(builtId).isNotEqualTo(inspect(GeneratorImage.IMAGE, "{{.Id}}"));
		// same jar, script and JDK as the shared image: the same content hash
		assertThat(label(IMAGE)).isEqualTo(expectedHash);
	}

	private static String label(String image) throws IOException {
		return inspect(image, "{{ index .Config.Labels \"" + HASH_LABEL + "\" }}");
	}

	/** The formatted field of an image, or null if the image does not exist. */
	private static String inspect(String image, String format) throws IOException {
		List<String> output = new ArrayList<>();
		int exit = Commands.SYSTEM.run(List.of("docker", "image", "inspect", "--format", format, image), null,
				DOCKER_TIMEOUT, output::add);
		return (exit != 0) ? null : String.join("\n", output).strip();
	}

	private static void docker(String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(arguments));
		List<String> output = new ArrayList<>();
		int exit = Commands.SYSTEM.run(command, null, DOCKER_TIMEOUT, output::add);
		assertThat(exit).as("%s: %s", String.join(" ", command), output).isZero();
	}

}
