package dev.dcf.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.dcf.agent.it.Collector;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.it.Instructions;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.agent.it.Wire;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.RawDockerBaseline;

import static dev.dcf.testsupport.RawDockerBaseline.row;

/**
 * Measures the agent for the issue note; not a test, nothing is asserted.
 *
 * <ol>
 * <li>CREATE latency: instruction sent to STARTED status received, one sleeper container,
 * median of N runs, against an agent started as its own {@code java -jar} process on the
 * embedded broker and registry; next to the raw Docker API create+start (docker-java,
 * same image and host config) measured the same way in the same run.</li>
 * <li>Resident memory (VmRSS of {@code /proc/<pid>/status}) of that agent process idle
 * and with 20 containers running.</li>
 * </ol>
 * Arguments: {@code <agent jar> [runs]}; JVM options of the agent from the environment
 * variable {@code AGENT_JAVA_OPTS}.
 */
public final class AgentBenchmark {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private AgentBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int runs = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		TestImages.ensureBuilt();
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		TestTopics topics = TestTopics.unique();
		String agentId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
		Path work = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("bench").resolve(agentId));
		Process agent = startAgent(jar, infrastructure, topics, agentId, work);
		List<String> rows = new ArrayList<>();
		try (Instructions instructions = new Instructions(topics.instructions());
				Collector<JobStatus> jobStatus = Wire.collect(topics.jobStatus(), JobStatus.class);
				Collector<AgentStatus> agentStatus = Wire.collect(topics.agentStatus(), AgentStatus.class);
				DockerInspector inspector = new DockerInspector()) {
			agentStatus.await((s) -> s.getAgentId().equals(agentId), WAIT);
			// warm-up: class loading, schema registration, connection pools
			for (int i = 0; i < 3; i++) {
				createAndDelete(instructions, jobStatus, agentId);
			}
			List<Double> agentMillis = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				agentMillis.add(createAndDelete(instructions, jobStatus, agentId));
			}
			List<Double> rawMillis = RawDockerBaseline.createStartMillis(runs, 500_000_000L);
			rows.add(row("CREATE sent -> STARTED received, 1 container (agent)", agentMillis, "ms"));
			rows.add(row("raw Docker API create+start, 1 container (docker-java)", rawMillis, "ms"));

			Thread.sleep(10_000);
			long idle = rssKib(agent.pid());
			String big = Instructions.newJobId();
			instructions.send(Instructions.create(agentId, big, 1, TestImages.SLEEPER, 20, Map.of()));
			jobStatus.await((s) -> s.getJobId().equals(big) && s.getKind() == JobStatusKind.STARTED, WAIT);
			// a few heartbeats with 20 containers to report
			Thread.sleep(15_000);
			long busy = rssKib(agent.pid());
			instructions.send(Instructions.delete(agentId, big, 1));
			jobStatus.await((s) -> s.getJobId().equals(big) && s.getKind() == JobStatusKind.REMOVED, WAIT);
			rows.add(String.format(Locale.ROOT, "| agent RSS, idle | %.1f MiB | | | 1 |", idle / 1024.0));
			rows.add(String.format(Locale.ROOT, "| agent RSS, 20 containers running | %.1f MiB | | | 1 |",
					busy / 1024.0));
			inspector.removeAllOf(agentId);
		}
		finally {
			agent.destroy();
			agent.waitFor(30, TimeUnit.SECONDS);
		}
		System.out.println();
		System.out.println("Agent benchmark (" + runs + " runs, " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, agent: java " + (jvmOptions().isEmpty() ? "" : String.join(" ", jvmOptions()) + " ") + "-jar "
				+ jar.getFileName() + ")");
		System.out.println("| measurement | median | min | max | n |");
		System.out.println("|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.println("agent log: " + work.resolve("agent.log"));
		System.exit(0);
	}

	private static Process startAgent(Path jar, SharedInfrastructure infrastructure, TestTopics topics, String agentId,
			Path work) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvmOptions());
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
				"--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
				"--dcf.schema-registry.url=" + infrastructure.registryUrl(),
				"--dcf.topics.job-instructions=" + topics.instructions(),
				"--dcf.topics.job-status=" + topics.jobStatus(), "--dcf.topics.agent-status=" + topics.agentStatus(),
				"--dcf.agent.id=" + agentId, "--spring.main.banner-mode=off"));
		return new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("agent.log").toFile())
			.start();
	}

	/** JVM options of the agent process from {@code AGENT_JAVA_OPTS} (default: none). */
	private static List<String> jvmOptions() {
		String options = System.getenv("AGENT_JAVA_OPTS");
		return (options == null || options.isBlank()) ? List.of() : List.of(options.trim().split("\\s+"));
	}

	/** Milliseconds from sending CREATE to receiving STARTED; then cleans up. */
	private static double createAndDelete(Instructions instructions, Collector<JobStatus> jobStatus, String agentId) {
		String jobId = Instructions.newJobId();
		long start = System.nanoTime();
		instructions.send(Instructions.create(agentId, jobId, 1, TestImages.SLEEPER, 1, Map.of()));
		jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED, WAIT);
		double millis = (System.nanoTime() - start) / 1e6;
		instructions.send(Instructions.delete(agentId, jobId, 1));
		jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.REMOVED, WAIT);
		return millis;
	}

	private static long rssKib(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("no VmRSS for pid " + pid);
	}

}
