package dev.dcf.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.dcf.agent.it.Collector;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.agent.it.Instructions;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.agent.it.Wire;
import dev.dcf.schemes.avro.AgentStatus;
import dev.dcf.schemes.avro.ContainerLogLines;
import dev.dcf.schemes.avro.InstructionOperation;
import dev.dcf.schemes.avro.JobInstruction;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What forwarding live logs costs an agent, for docs/benchmarks.md; not a test, nothing
 * is asserted. An agent process ({@code java -jar}, heartbeat every second) runs 4
 * containers that write lines of 100 characters as fast as {@code yes} can under a 0.5
 * CPU limit each. For each phase (none followed, 1 followed, 4 followed), over
 * {@code seconds}: the lines per second that reach {@code dcf.container-logs}, the lines
 * the agent dropped per second (its rate bound), the gaps between its heartbeats as the
 * broker stamped them, and the agent's CPU. Done twice: with the default bound of 500
 * lines/s per stream and with the bound lifted, to show what the agent could forward.
 * <p>
 * Arguments: {@code <agent jar> [seconds per phase]}.
 */
public final class LiveLogBenchmark {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String LINE = "dcf live log benchmark line " + "0123456789".repeat(7) + "-";

	private LiveLogBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int seconds = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		TestImages.ensureBuilt();
		List<String> rows = new ArrayList<>();
		for (String bound : List.of("500", "1000000")) {
			rows.addAll(measure(jar, bound, seconds));
		}
		System.out.println();
		System.out
			.println("Live log forwarding (" + seconds + " s per phase, " + Runtime.getRuntime().availableProcessors()
					+ " CPUs, heartbeat every 1 s, 4 containers writing 100-character lines with yes at 0.5 CPU each)");
		System.out.println(
				"| lines/s bound per stream | containers followed | lines forwarded/s | dropped/s | heartbeat gap p50 | p99 | max | agent CPU |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
		rows.forEach(System.out::println);
		System.exit(0);
	}

	private static List<String> measure(Path jar, String bound, int seconds) throws Exception {
		SharedInfrastructure infrastructure = SharedInfrastructure.get();
		TestTopics topics = TestTopics.unique();
		String logTopic = "bench-" + UUID.randomUUID().toString().substring(0, 8) + ".dcf.container-logs";
		String agentId = "bench-logs-" + UUID.randomUUID().toString().substring(0, 8);
		Path work = Files.createDirectories(jar.toAbsolutePath().getParent().resolve("bench").resolve(agentId));
		Process agent = startAgent(jar, infrastructure, topics, logTopic, agentId, bound, work);
		List<String> rows = new ArrayList<>();
		try (Instructions instructions = new Instructions(topics.instructions());
				Collector<JobStatus> jobStatus = Wire.collect(topics.jobStatus(), JobStatus.class);
				Collector<AgentStatus> agentStatus = Wire.collect(topics.agentStatus(), AgentStatus.class);
				LineCounter lines = new LineCounter(logTopic);
				DockerInspector inspector = new DockerInspector()) {
			agentStatus.await((s) -> s.getAgentId().equals(agentId), WAIT);
			String jobId = Instructions.newJobId();
			JobInstruction create = Instructions.create(agentId, jobId, 1, TestImages.SLEEPER, 4, Map.of());
			create.setCommand(List.of("/bin/sh", "-c", "yes '" + LINE + "'"));
			instructions.send(create);
			jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.STARTED, WAIT);
			for (int followed : new int[] { 0, 1, 4 }) {
				for (int index = 0; index < followed; index++) {
					instructions.send(logs(agentId, jobId, index));
				}
				// the follows open and the first tail arrives; then measure from a clean
				// count
				Thread.sleep(3000);
				lines.reset();
				long cpuBefore = cpuTicks(agent.pid());
				Instant from = Instant.now();
				for (int elapsed = 0; elapsed < seconds; elapsed += 10) {
					Thread.sleep(Math.min(10, seconds - elapsed) * 1000L);
					for (int index = 0; index < followed; index++) {
						instructions.send(logs(agentId, jobId, index));
					}
				}
				Instant to = Instant.now();
				double wall = Duration.between(from, to).toMillis() / 1000.0;
				double cpu = (cpuTicks(agent.pid()) - cpuBefore) / 100.0 / wall * 100;
				List<Long> gaps = gaps(agentStatus, agentId, from, to);
				rows.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %d ms | %d ms | %d ms | %.0f %% |",
						bound.equals("500") ? "500 (default)" : "lifted", followed, lines.lines.get() / wall,
						lines.dropped.get() / wall, percentile(gaps, 0.5), percentile(gaps, 0.99),
						percentile(gaps, 1.0), cpu));
			}
			instructions.send(Instructions.delete(agentId, jobId, 1));
			jobStatus.await((s) -> s.getJobId().equals(jobId) && s.getKind() == JobStatusKind.REMOVED, WAIT);
			inspector.removeAllOf(agentId);
		}
		finally {
			agent.destroy();
			agent.waitFor(30, TimeUnit.SECONDS);
		}
		return rows;
	}

	private static JobInstruction logs(String agentId, String jobId, int index) {
		return JobInstruction.newBuilder()
			.setInstructionId(UUID.randomUUID().toString())
			.setOperation(InstructionOperation.LOGS)
			.setAgentId(agentId)
			.setJobId(jobId)
			.setRunNumber(1)
			.setIssuedAt(Instant.now())
			.setLogIndex(index)
			.setLogTail(0)
			.setLogLeaseMillis(30_000)
			.build();
	}

	private static List<Long> gaps(Collector<AgentStatus> statuses, String agentId, Instant from, Instant to) {
		List<Long> stamps = statuses.records()
			.stream()
			.filter((r) -> r.value() != null && r.value().getAgentId().equals(agentId))
			.map(ConsumerRecord::timestamp)
			.filter((t) -> t >= from.toEpochMilli() && t <= to.toEpochMilli())
			.sorted()
			.toList();
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < stamps.size(); i++) {
			gaps.add(stamps.get(i) - stamps.get(i - 1));
		}
		return gaps.isEmpty() ? List.of(-1L) : gaps;
	}

	private static long percentile(List<Long> values, double p) {
		List<Long> sorted = values.stream().sorted().toList();
		int index = (int) Math.ceil(p * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

	private static Process startAgent(Path jar, SharedInfrastructure infrastructure, TestTopics topics, String logTopic,
			String agentId, String bound, Path work) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toAbsolutePath().toString(),
				"--spring.kafka.bootstrap-servers=" + infrastructure.bootstrapServers(),
				"--dcf.schema-registry.url=" + infrastructure.registryUrl(),
				"--dcf.topics.job-instructions=" + topics.instructions(),
				"--dcf.topics.job-status=" + topics.jobStatus(), "--dcf.topics.agent-status=" + topics.agentStatus(),
				"--dcf.topics.container-logs=" + logTopic, "--dcf.agent.id=" + agentId,
				"--dcf.agent.heartbeat-interval=1s", "--dcf.agent.logs.lines-per-second=" + bound,
				"--spring.main.banner-mode=off"));
		return new ProcessBuilder(command).directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("agent.log").toFile())
			.start();
	}

	/** utime + stime of a process, in clock ticks (100 a second on Linux). */
	private static long cpuTicks(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
	}

	/** Counts the lines and drops that reach the log topic, without keeping them. */
	private static final class LineCounter implements AutoCloseable {

		final AtomicLong lines = new AtomicLong();

		final AtomicLong dropped = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		LineCounter(String topic) {
			KafkaConsumer<String, ContainerLogLines> consumer = new KafkaConsumer<>(Map.of(
					ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().bootstrapServers(),
					ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000),
					new StringDeserializer(),
					new AvroDeserializer<>(
							new HttpSchemaRegistryClient(
									RegistryClientConfig.of(SharedInfrastructure.get().registryUrl())),
							ContainerLogLines.class));
			consumer.subscribe(List.of(topic));
			this.thread = new Thread(() -> {
				try (consumer) {
					while (this.running.get()) {
						consumer.poll(Duration.ofMillis(100)).forEach((record) -> {
							this.lines.addAndGet(record.value().getLines().size());
							this.dropped.addAndGet(record.value().getDropped());
						});
					}
				}
			}, "bench-line-counter");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		void reset() {
			this.lines.set(0);
			this.dropped.set(0);
		}

		@Override
		public void close() {
			this.running.set(false);
			try {
				this.thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
