package dev.dcf.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestTopics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent killed with {@code kill -9} (here: its jar run as a process of its own and
 * destroyed forcibly, so its consumer never leaves the group) and started again takes
 * instructions at once. Without static membership the new consumer would wait for the
 * dead one's session to time out (45 s) before it got the partition.
 */
@RequiresDocker
class AgentKillIT {

	/** Well under the 45 s session timeout: only static membership makes this. */
	private static final Duration REJOIN = Duration.ofSeconds(15);

	private final String agentId = "it-kill-" + UUID.randomUUID().toString().substring(0, 8);

	private final TestTopics topics = TestTopics.unique();

	private final Path dir = Path.of("target", "kill-" + this.agentId);

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void killAll() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroyForcibly();
			process.waitFor(30, TimeUnit.SECONDS);
		}
	}

	@Test
	void anAgentKilledAndRestartedTakesInstructionsAtOnce() throws Exception {
		try (Collector<AgentStatus> agentStatus = Wire.collect(this.topics.agentStatus(), AgentStatus.class);
				Collector<JobStatus> jobStatus = Wire.collect(this.topics.jobStatus(), JobStatus.class);
				Instructions instructions = new Instructions(this.topics.instructions())) {
			Process first = startAgent("first");
			String before = Instructions.newJobId();
			instructions.send(Instructions.delete(this.agentId, before, 1));
			jobStatus.await((s) -> s.getJobId().equals(before), Duration.ofSeconds(90));
			assertThat(groupInstanceIds()).containsExactly("dcf-agent-" + this.agentId + "-0");

			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			long restartedAt = System.currentTimeMillis();
			startAgent("second");
			// its first heartbeat: up, the listener container starts right after
			agentStatus.await(
					(s) -> s.getAgentId().equals(this.agentId) && s.getTimestamp().toEpochMilli() > restartedAt,
					Duration.ofSeconds(90));

			long sentAt = System.nanoTime();
			String after = Instructions.newJobId();
			instructions.send(Instructions.delete(this.agentId, after, 1));
			jobStatus.await((s) -> s.getJobId().equals(after), REJOIN);
			assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(REJOIN);
		}
	}

	private Process startAgent(String name) throws IOException {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		Files.createDirectories(this.dir);
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-jar", agentJar().toString()));
		Map.of("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers(), "dcf.schema-registry.url",
				infrastructure.registryUrl(), "dcf.topics.job-instructions", this.topics.instructions(),
				"dcf.topics.job-status", this.topics.jobStatus(), "dcf.topics.agent-status", this.topics.agentStatus(),
				"dcf.agent.id", this.agentId, "dcf.agent.heartbeat-interval", "1s", "dcf.agent.id-file",
				this.dir.resolve("agent-id").toString(), "spring.main.banner-mode", "off")
			.forEach((key, value) -> command.add("--" + key + "=" + value));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.dir.resolve(name + ".log").toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	/** The members of the agent's group by {@code group.instance.id}. */
	private List<String> groupInstanceIds() throws Exception {
		try (Admin admin = Admin.create(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers()))) {
			String group = "dcf-agent-" + this.agentId;
			return admin.describeConsumerGroups(List.of(group))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(group)
				.members()
				.stream()
				.map(MemberDescription::groupInstanceId)
				.map((id) -> id.orElse("(dynamic)"))
				.toList();
		}
	}

	/** The agent's executable jar, built by this module's {@code package} phase. */
	private static Path agentJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No agent jar in target/: run mvn package"));
		}
	}

	private static String javaCommand() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
