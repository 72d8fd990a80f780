package dev.dcf.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way DCF's JVMs are started ends a JVM that ran out of memory
 * ({@code -XX:+ExitOnOutOfMemoryError}) rather than leaving it running half-dead: the
 * {@code ./dcf} script's default options, the app images, and the {@code java -jar} lines
 * of the docs.
 */
class JvmOptionsTests {

	private static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

	@TempDir
	Path home;

	@Test
	void theDcfScriptStartsJavaWithExitOnOutOfMemoryByDefault() throws Exception {
		assertThat(runScript(Map.of())).contains(EXIT_ON_OOM).contains("-XX:+UseSerialGC");
	}

	@Test
	void theDcfScriptStartsJavaWithTheOptionsOfDcfJavaOptsInstead() throws Exception {
		assertThat(runScript(Map.of("DCF_JAVA_OPTS", "-Xmx300m " + EXIT_ON_OOM))).startsWith("-Xmx300m " + EXIT_ON_OOM)
			.doesNotContain("UseSerialGC");
	}

	@Test
	void bothAppImagesStartJavaWithExitOnOutOfMemory() throws IOException {
		for (String dockerfile : List.of("job-handler/Dockerfile", "container-agent/Dockerfile")) {
			String entrypoint = Files.readAllLines(RepositoryRoot.get().resolve(dockerfile))
				.stream()
				.filter((line) -> line.startsWith("ENTRYPOINT"))
				.findFirst()
				.orElseThrow();
			assertThat(entrypoint).as(dockerfile).contains("\"" + EXIT_ON_OOM + "\"");
		}
	}

	@Test
	void everyDocumentedJavaJarLineExitsOnOutOfMemory() throws IOException {
		Pattern command = Pattern.compile("(?m)^\\s*java (.*)-jar ");
		int commands = 0;
		for (String doc : List.of("README.md", "docs/operations.md", "CONTRIBUTING.md", "container-agent/README.md",
				"job-handler/README.md")) {
			Matcher matcher = command.matcher(read(doc));
			while (matcher.find()) {
				commands++;
				assertThat(matcher.group(1)).as(doc + ": " + matcher.group()).contains(EXIT_ON_OOM);
			}
		}
		assertThat(commands).isGreaterThanOrEqualTo(4);
	}

	/**
	 * Runs a copy of {@code ./dcf} in a checkout of its own with a fake {@code java}
	 * (Java 17, printing its arguments) and a launcher jar that is there.
	 * @return the JVM options the script gave java, before {@code -jar}
	 */
	private String runScript(Map<String, String> environment) throws Exception {
		Files.copy(RepositoryRoot.get().resolve("dcf"), this.home.resolve("dcf"));
		Path target = Files.createDirectories(this.home.resolve("standalone/launcher/target"));
		Files.writeString(target.resolve("dcf-standalone-0.0.0.jar"), "");
		Path bin = Files.createDirectories(this.home.resolve("jdk/bin"));
		Path java = bin.resolve("java");
		Files.writeString(java, """
				#!/usr/bin/env bash
				if [[ "$1" == -XshowSettings:properties ]]; then
				  echo '    java.specification.version = 17' >&2
				  exit 0
				fi
				echo "$*"
				""");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		ProcessBuilder builder = new ProcessBuilder("bash", this.home.resolve("dcf").toString())
			.redirectErrorStream(true);
		builder.environment().remove("DCF_JAVA_OPTS");
		builder.environment().put("JAVA_HOME", this.home.resolve("jdk").toString());
		builder.environment().put("DCF_SKIP_BUILD", "1");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains(" -jar " + target.resolve("dcf-standalone-0.0.0.jar"));
		return output.substring(0, output.indexOf(" -jar "));
	}

	private static String read(String path) throws IOException {
		return Files.readString(RepositoryRoot.get().resolve(path), StandardCharsets.UTF_8);
	}

}
