package dev.dcf.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
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
 * of the docs. And {@code ./dcf} runs the jar extracted, with a class-data sharing
 * archive.
 */
class JvmOptionsTests {

	private static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

	@TempDir
	Path home;

	/** The jar the last {@link #runScript} ran. */
	private String lastJar;

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
	void theFirstStartRunsTheExtractedJarAndRecordsItsClassesAtExit() throws Exception {
		String options = runScript(Map.of(), true);
		Path extracted = extractedDir();
		assertThat(options)
			.containsPattern("-XX:ArchiveClassesAtExit=" + extracted.resolve("dcf-17.0.0.") + "\\d+\\.jsa")
			.doesNotContain("SharedArchiveFile");
		assertThat(this.lastJar).isEqualTo(extracted.resolve("dcf-standalone-0.0.0.jar").toString());
	}

	@Test
	void laterStartsAndCommandsMapTheRecordOfAnEndedStart() throws Exception {
		runScript(Map.of(), true);
		Files.writeString(extractedDir().resolve("dcf-17.0.0.999999999.jsa"), "classes");
		String archive = "-XX:SharedArchiveFile=" + extractedDir().resolve("dcf-17.0.0.jsa");
		assertThat(runScript(Map.of(), true)).contains(archive).doesNotContain("ArchiveClassesAtExit");
		assertThat(runScript(Map.of(), true, "list")).contains(archive);
		assertThat(extractedDir().resolve("dcf-17.0.0.jsa")).hasContent("classes");
	}

	@Test
	void aJdkThatMapsArchivesAtARandomAddressIsToldToMapItWhereItWasRecorded() throws Exception {
		Map<String, String> relocates = Map.of("RELOCATES", "true");
		assertThat(runScript(relocates, true)).as("recording").doesNotContain("ArchiveRelocationMode");
		Files.writeString(extractedDir().resolve("dcf-17.0.0.999999999.jsa"), "classes");

		assertThat(runScript(relocates, true)).contains("-XX:SharedArchiveFile=")
			.contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0");
		assertThat(runScript(relocates, true, "list")).contains("-XX:ArchiveRelocationMode=0");
		assertThat(runScript(Map.of(), true)).as("a JDK without the switch").doesNotContain("ArchiveRelocationMode");
	}

	@Test
	void aStartWhileAnotherRecordsDoesNotRecordToo() throws Exception {
		runScript(Map.of(), true);
		Files.writeString(extractedDir().resolve("dcf-17.0.0." + ProcessHandle.current().pid() + ".jsa"), "");
		assertThat(runScript(Map.of(), true)).doesNotContain("Archive");
	}

	@Test
	void dcfCdsZeroRunsTheJarWithoutAnArchive() throws Exception {
		assertThat(runScript(Map.of("DCF_CDS", "0", "RELOCATES", "true"), true)).doesNotContain("Archive");
		assertThat(this.lastJar).endsWith("standalone/launcher/target/dcf-standalone-0.0.0.jar");
		assertThat(this.home.resolve("standalone/launcher/target/dcf-cds")).doesNotExist();
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
		return runScript(environment, false);
	}

	/**
	 * @param extracts whether the fake java extracts the jar ({@code -Djarmode=tools})
	 * @param args the script's arguments
	 */
	private String runScript(Map<String, String> environment, boolean extracts, String... args) throws Exception {
		Files.copy(RepositoryRoot.get().resolve("dcf"), this.home.resolve("dcf"), StandardCopyOption.REPLACE_EXISTING);
		Path target = Files.createDirectories(this.home.resolve("standalone/launcher/target"));
		Path jar = target.resolve("dcf-standalone-0.0.0.jar");
		if (!Files.exists(jar)) {
			Files.writeString(jar, "");
		}
		Path bin = Files.createDirectories(this.home.resolve("jdk/bin"));
		Path java = bin.resolve("java");
		Files.writeString(java, """
				#!/usr/bin/env bash
				if [[ "$1" == -XshowSettings:properties ]]; then
				  echo '    java.specification.version = 17' >&2
				  echo '    java.vm.version = 17.0.0' >&2
				  if [[ "$RELOCATES" == true && " $* " == *" -XX:+PrintFlagsFinal "* ]]; then
				    echo '     intx ArchiveRelocationMode                    = 1             {diagnostic} {default}'
				  fi
				  exit 0
				fi
				if [[ "$1" == -Djarmode=tools && "$EXTRACTS" == true ]]; then
				  mkdir -p "$6/lib" && touch "$6/dcf-standalone-0.0.0.jar"
				  exit 0
				fi
				echo "$*"
				""");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<String> command = new ArrayList<>(List.of("bash", this.home.resolve("dcf").toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("EXTRACTS", Boolean.toString(extracts));
		builder.environment().remove("DCF_CDS");
		builder.environment().remove("DCF_JAVA_OPTS");
		builder.environment().put("JAVA_HOME", this.home.resolve("jdk").toString());
		builder.environment().put("DCF_SKIP_BUILD", "1");
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		Matcher jarArgument = Pattern.compile(" -jar (\\S+)").matcher(output);
		assertThat(jarArgument.find()).as(output).isTrue();
		this.lastJar = jarArgument.group(1);
		if (!extracts) {
			assertThat(this.lastJar).isEqualTo(jar.toString());
		}
		return output.substring(0, output.indexOf(" -jar "));
	}

	/** The one directory the script extracted the jar into. */
	private Path extractedDir() throws IOException {
		try (var dirs = Files.list(this.home.resolve("standalone/launcher/target/dcf-cds"))) {
			return dirs.filter((dir) -> !dir.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
		}
	}

	private static String read(String path) throws IOException {
		return Files.readString(RepositoryRoot.get().resolve(path), StandardCharsets.UTF_8);
	}

}
