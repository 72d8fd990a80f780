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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.standalone.testkit.RequiresDocker;
import dev.dcf.standalone.testkit.TestImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A standalone started on a machine without {@value GeneratorImage#IMAGE} builds it with
 * the real offline script ({@code scripts/build-test-images.sh generator}) on the real
 * Docker daemon. The image is taken away only by its tag: its layers stay under a backup
 * tag, which puts it back if the standalone did not.
 */
@RequiresDocker
class SampleImageBuildIT {

	private static final String BACKUP = "dcf/sample-generator:it-backup";

	private static final String HASH_LABEL = "dev.dcf.content-hash";

	private static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(30);

	private static final String PASSWORD = "it-" + UUID.randomUUID();

	private Standalone standalone;

	@BeforeEach
	void removeTheSampleImageTag() throws IOException {
		TestImages.ensureBuilt();
		docker("tag", GeneratorImage.IMAGE, BACKUP);
		docker("rmi", GeneratorImage.IMAGE);
		assertThat(inspect(GeneratorImage.IMAGE, "{{.Id}}")).as("%s after docker rmi", GeneratorImage.IMAGE).isNull();
	}

	@AfterEach
	void restoreTheSampleImage() throws IOException {
		try {
			if (this.standalone != null) {
				this.standalone.stop();
			}
		}
		finally {
			if (inspect(BACKUP, "{{.Id}}") != null) {
				if (inspect(GeneratorImage.IMAGE, "{{.Id}}") == null) {
					docker("tag", BACKUP, GeneratorImage.IMAGE);
				}
				// only the tag: the image stays while the sample tag still points at it
				docker("rmi", BACKUP);
			}
		}
	}

	@Test
	void standaloneBuildsAMissingSampleImageWithTheOfflineScript() throws Exception {
		String backupId = inspect(BACKUP, "{{.Id}}");
		String expectedHash = label(BACKUP);
		assertThat(expectedHash).as("%s label of the image the script built before", HASH_LABEL).hasSize(64);

		Path dataDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "sample-image-it-");
		StandaloneSettings settings = new StandaloneSettings(dataDir, 0, 0, 0, false, null, Duration.ofSeconds(90));
		this.standalone = new Standalone(settings, new AdminLogin(PASSWORD),
				new String[] { "--dcf.agent.heartbeat-interval=1s" },
				new GeneratorImage(Commands.SYSTEM, RepositoryRoot.get(), true), Clock.systemUTC());
		Ready ready = this.standalone.start();

		assertThat(ready.generatorImage()).isEqualTo(GeneratorImage.IMAGE + " built");
		String builtId = inspect(GeneratorImage.IMAGE, "{{.Id}}");
		assertThat(builtId).as("%s after the start", GeneratorImage.IMAGE).isNotNull();
		// a new import, not the old image tagged again
		assertThat(builtId).isNotEqualTo(backupId);
		// same jar, script and JDK as the backup: the same content hash
		assertThat(label(GeneratorImage.IMAGE)).isEqualTo(expectedHash);
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
