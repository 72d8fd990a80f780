package dev.dcf.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorImageTests {

	@TempDir
	Path home;

	private final FakeCommands commands = new FakeCommands();

	@Test
	void doesNothingWhenDockerDoesNotAnswer() {
		this.commands.exitCodes("docker info", 1);

		String result = new GeneratorImage(this.commands, checkout(), true).ensure();

		assertThat(result).startsWith("Docker not reachable");
		assertThat(this.commands.run).containsExactly("docker info");
	}

	@Test
	void reportsAMissingDockerCli() {
		this.commands.missing = true;

		assertThat(new GeneratorImage(this.commands, checkout(), true).ensure()).startsWith("docker CLI not found");
	}

	@Test
	void leavesAPresentImageAlone() {
		String result = new GeneratorImage(this.commands, checkout(), true).ensure();

		assertThat(result).isEqualTo("dcf/sample-generator:latest present");
		assertThat(this.commands.run).containsExactly("docker info", "docker image inspect");
	}

	@Test
	void buildsAMissingImageWithTheOfflineScriptInTheCheckout() {
		this.commands.exitCodes("docker image inspect", 1);
		Path checkout = checkout();

		String result = new GeneratorImage(this.commands, checkout, true).ensure();

		assertThat(result).isEqualTo("dcf/sample-generator:latest built");
		assertThat(this.commands.run).last()
			.isEqualTo("bash " + checkout.resolve(GeneratorImage.SCRIPT) + " generator");
		assertThat(this.commands.directories).last().isEqualTo(checkout);
	}

	@Test
	void reportsAFailedBuild() {
		this.commands.exitCodes("docker image inspect", 1);
		this.commands.exitCodes("bash", 3);

		assertThat(new GeneratorImage(this.commands, checkout(), true).ensure()).contains("build failed (exit 3)");
	}

	@Test
	void doesNotBuildWithoutTheGeneratorJar() throws IOException {
		this.commands.exitCodes("docker image inspect", 1);
		Path checkout = checkout();
		Files.delete(checkout.resolve(GeneratorImage.GENERATOR_JAR));

		String result = new GeneratorImage(this.commands, checkout, true).ensure();

		assertThat(result).contains("not built").contains(GeneratorImage.GENERATOR_JAR);
		assertThat(this.commands.run).noneMatch((command) -> command.startsWith("bash"));
	}

	@Test
	void doesNotBuildWhenSwitchedOff() {
		this.commands.exitCodes("docker image inspect", 1);

		String result = new GeneratorImage(this.commands, checkout(), false).ensure();

		assertThat(result).contains("not built").contains("build-generator-image=false");
		assertThat(this.commands.run).noneMatch((command) -> command.startsWith("bash"));
	}

	@Test
	void doesNotBuildWithoutACheckout() {
		this.commands.exitCodes("docker image inspect", 1);

		assertThat(new GeneratorImage(this.commands, null, true).ensure()).contains("not built");
		assertThat(this.commands.run).noneMatch((command) -> command.startsWith("bash"));
	}

	@Test
	void checksEveryImageAndBuildsOnlyTheMissingOne() throws IOException {
		this.commands.exitCodes("docker image inspect --format {{.Id}} dcf/generator:latest", 1);
		Path checkout = checkout();
		Files.createDirectories(checkout.resolve("generator/target"));
		Files.writeString(checkout.resolve(GeneratorImage.BUILTIN.jar()), "jar");

		String result = new GeneratorImage(this.commands, checkout, true,
				List.of(GeneratorImage.SAMPLE, GeneratorImage.BUILTIN))
			.ensure();

		assertThat(result).isEqualTo("dcf/sample-generator:latest present, dcf/generator:latest built");
		assertThat(this.commands.run).containsExactly("docker info", "docker image inspect", "docker image inspect",
				"bash " + checkout.resolve(GeneratorImage.SCRIPT) + " builtin-generator");
	}

	@Test
	void aMissingBuiltinJarNamesItsModule() {
		this.commands.exitCodes("docker image inspect", 1);

		String result = new GeneratorImage(this.commands, checkout(), true, List.of(GeneratorImage.BUILTIN)).ensure();

		assertThat(result)
			.isEqualTo("dcf/generator:latest missing, not built (generator/target/dcf-generator.jar missing)");
	}

	@Test
	void findsTheCheckoutFromTheWorkingDirectory() {
		Path checkout = checkout();

		assertThat(GeneratorImage.findHome(null, checkout, "x.jar")).isEqualTo(checkout);
	}

	@Test
	void findsTheCheckoutFromTheLauncherJar() throws IOException {
		Path checkout = checkout();
		Path jar = checkout.resolve("standalone/launcher/target/dcf-standalone-0.1.0-SNAPSHOT.jar");
		Files.createDirectories(jar.getParent());
		Files.createFile(jar);

		assertThat(GeneratorImage.findHome(null, this.home.resolve("elsewhere"), jar.toString())).isEqualTo(checkout);
	}

	@Test
	void configuredCheckoutWins() {
		assertThat(GeneratorImage.findHome(Path.of("/opt/dcf"), checkout(), "x.jar")).isEqualTo(Path.of("/opt/dcf"));
	}

	@Test
	void noCheckoutFoundIsNull() {
		assertThat(GeneratorImage.findHome(null, this.home, "a.jar:b.jar")).isNull();
	}

	private Path checkout() {
		try {
			Path checkout = this.home.resolve("dcf");
			Files.createDirectories(checkout.resolve("scripts"));
			Files.createDirectories(checkout.resolve("data-generator/target"));
			if (!Files.exists(checkout.resolve(GeneratorImage.SCRIPT))) {
				Files.writeString(checkout.resolve(GeneratorImage.SCRIPT), "#!/bin/sh\n");
				Files.writeString(checkout.resolve(GeneratorImage.GENERATOR_JAR), "jar");
			}
			return checkout;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Records commands by their first words; exit 0 unless told otherwise. */
	static final class FakeCommands implements Commands {

		final List<String> run = new ArrayList<>();

		final List<Path> directories = new ArrayList<>();

		private final List<String> prefixes = new ArrayList<>();

		private final List<Integer> codes = new ArrayList<>();

		boolean missing;

		void exitCodes(String prefix, int code) {
			this.prefixes.add(prefix);
			this.codes.add(code);
		}

		@Override
		public int run(List<String> command, Path directory, Duration timeout, Consumer<String> output)
				throws IOException {
			if (this.missing) {
				throw new IOException("Cannot run program \"docker\": error=2, No such file or directory");
			}
			String joined = String.join(" ", command);
			String key = joined.startsWith("docker image inspect") ? "docker image inspect"
					: joined.startsWith("docker info") ? "docker info" : joined;
			this.run.add(key);
			this.directories.add(directory);
			for (int i = 0; i < this.prefixes.size(); i++) {
				if (joined.startsWith(this.prefixes.get(i))) {
					return this.codes.get(i);
				}
			}
			return 0;
		}

	}

}
