package dev.dcf.generator.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.testsupport.SharedInfrastructure;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.DockerCli;
import dev.dcf.testsupport.ScratchTopics;

/**
 * scripts/bench-generator.sh: the built-in generator against Kafka's ProducerPerformance
 * on the embedded broker (in this JVM), figures in docs/benchmarks.md. Prints Markdown
 * tables; asserts nothing.
 *
 * <ol>
 * <li>Throughput: ProducerPerformance (200-byte records) and the generator app (JSON
 * readings of about 200 bytes, RATE=unlimited), each in a JVM of its own with the same
 * producer settings and JVM flags, alternately; records/s and CPU (user + system of that
 * JVM, start-up included) per 100,000 records/s.</li>
 * <li>Rate accuracy: the app in-process at 1,000, 10,000 and 100,000 records/s; the rate
 * sent over 10 s after 2 s of warm-up.</li>
 * <li>Scaling: 1, 2, 4 containers of the dcf/generator image (host network, Avro
 * sensor_readings quickstart, RATE=unlimited), each writing the same number of
 * records.</li>
 * </ol>
 */
public final class GeneratorBenchmark {

	/**
	 * ProducerPerformance writes without keys (one partition at a time, full batches),
	 * the readings are keyed (spread over the partitions): on one partition both fill
	 * their batches alike, and the comparison is of the producers.
	 */
	private static final int THROUGHPUT_PARTITIONS = 1;

	private static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData");

	private static final Pattern PERF = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

	private static final Pattern WROTE = Pattern.compile("Wrote (\\d+) records in ([\\d.]+) s: ([\\d.]+) records/s");

	private static final Pattern CPU = Pattern.compile("^cpu ([\\d.]+) ([\\d.]+)$");

	private GeneratorBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long records = (args.length > 0) ? Long.parseLong(args[0]) : 3_000_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		boolean containers = args.length <= 2 || !args[2].equals("no-containers");
		String bootstrap = SharedInfrastructure.get().bootstrapServers();
		System.out.printf(Locale.ROOT, "Embedded broker %s, %d CPUs, %s records per run%n%n", bootstrap,
				Runtime.getRuntime().availableProcessors(), records);

		System.out.printf(Locale.ROOT,
				"DCF records: JSON sensor readings, %.0f bytes on average (key %.0f bytes); topics of %d partition(s)%n%n",
				averageValueSize(), 11.0, THROUGHPUT_PARTITIONS);
		System.out.println("| Producer | Round | Records/s | CPU s | CPU per 100,000 records/s |");
		System.out.println("|---|---|---|---|---|");
		List<Double> perf = new ArrayList<>();
		List<Double> dcf = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			Result p = producerPerformance(bootstrap, records);
			perf.add(p.rate());
			row("ProducerPerformance (200 B)", round, p);
			Result d = dcfGenerator(bootstrap, records);
			dcf.add(d.rate());
			row("DCF generator (JSON, ~200 B)", round, d);
		}
		double bestPerf = perf.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		double bestDcf = dcf.stream().mapToDouble(Double::doubleValue).max().orElse(0);
		System.out.printf(Locale.ROOT,
				"%nBest of %d: DCF generator %,.0f records/s = %.0f %% of ProducerPerformance (%,.0f)%n%n", rounds,
				bestDcf, 100 * bestDcf / bestPerf, bestPerf);

		System.out.println("| Target records/s | Measured records/s | Deviation |");
		System.out.println("|---|---|---|");
		for (double rate : new double[] { 1_000, 10_000, 100_000 }) {
			double measured = measureRate(bootstrap, rate);
			System.out.printf(Locale.ROOT, "| %,.0f | %,.1f | %+.2f %% |%n", rate, measured,
					100 * (measured - rate) / rate);
		}
		System.out.println();

		if (containers) {
			TestImages.ensureBuilt();
			String registry = SharedInfrastructure.get().registryUrl();
			System.out.println("| Containers | Records | Sum of container rates (records/s) | Slowest container (s) |");
			System.out.println("|---|---|---|---|");
			for (int n : new int[] { 1, 2, 4 }) {
				scale(bootstrap, registry, n, records / 2);
			}
		}
		System.exit(0);
	}

	private static void row(String name, int round, Result result) {
		System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %.1f | %.2f |%n", name, round, result.rate(),
				result.cpuSeconds(), result.cpuSeconds() * 100_000 / result.records());
	}

	private static double averageValueSize() {
		RecordGenerator generator = BenchSpecs.readingsTemplate().generator(new GeneratorContext(1, 0, 1));
		Encoder json = TextEncoders.json();
		long bytes = 0;
		for (int i = 0; i < 10_000; i++) {
			bytes += json.encode(generator.next().value()).length;
		}
		return bytes / 10_000.0;
	}

	private static Result producerPerformance(String bootstrap, long records) throws Exception {
		String topic = ScratchTopics.create("bench-perf", THROUGHPUT_PARTITIONS);
		List<String> command = javaCommand("org.apache.kafka.tools.ProducerPerformance");
		command.addAll(List.of("--topic", topic, "--num-records", Long.toString(records), "--record-size", "200",
				"--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=1", "linger.ms=5",
				"batch.size=65536", "compression.type=none"));
		Output output = run(command, Map.of());
		Matcher matcher = PERF.matcher(output.text());
		Matcher last = null;
		while (matcher.find()) {
			last = PERF.matcher(matcher.group());
			last.find();
		}
		if (last == null) {
			throw new IllegalStateException("no ProducerPerformance summary in:\n" + output.text());
		}
		return new Result(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)), output.cpuSeconds());
	}

	private static Result dcfGenerator(String bootstrap, long records) throws Exception {
		String topic = ScratchTopics.create("bench-dcf", THROUGHPUT_PARTITIONS);
		Map<String, String> env = new HashMap<>();
		env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
		env.put("KAFKA_TOPIC", topic);
		env.put("RATE", "unlimited");
		env.put("MAX_RECORDS", Long.toString(records));
		Output output = run(javaCommand(GeneratorBenchMain.class.getName()), env);
		Matcher matcher = WROTE.matcher(output.text());
		if (!matcher.find()) {
			throw new IllegalStateException("no generator summary in:\n" + output.text());
		}
		return new Result(Long.parseLong(matcher.group(1)), Double.parseDouble(matcher.group(3)), output.cpuSeconds());
	}

	private static double measureRate(String bootstrap, double rate) throws Exception {
		String topic = ScratchTopics.create("bench-rate");
		GeneratorRun run = GeneratorRun.create(
				Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "KAFKA_TOPIC", topic, "RATE", Double.toString(rate)),
				BenchSpecs.jsonReadings(), () -> 1);
		Thread thread = new Thread(run::run, "rate-" + (long) rate);
		thread.start();
		Thread.sleep(2_000);
		long sent0 = run.sent();
		long t0 = System.nanoTime();
		Thread.sleep(10_000);
		long sent1 = run.sent();
		long t1 = System.nanoTime();
		run.stop();
		thread.join();
		return (sent1 - sent0) * 1e9 / (t1 - t0);
	}

	private static void scale(String bootstrap, String registry, int count, long perContainer) throws Exception {
		String topic = ScratchTopics.create("bench-scale");
		DockerCli docker = new DockerCli();
		try {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String name = docker.newContainerName("bench-generator");
				names.add(name);
				docker.checked("run", "--pull=never", "-d", "--network", "host", "--name", name, "-e",
						"KAFKA_BOOTSTRAP_SERVERS=" + bootstrap, "-e", "KAFKA_TOPIC=" + topic, "-e",
						"SCHEMA_REGISTRY_URL=" + registry, "-e", "GENERATOR_QUICKSTART=sensor_readings", "-e",
						"RATE=unlimited", "-e", "MAX_RECORDS=" + perContainer, "-e", "DCF_JOB_ID=bench", "-e",
						"DCF_CONTAINER_INDEX=" + i, "-e", "DCF_CONTAINER_COUNT=" + count, TestImages.BUILTIN_GENERATOR);
			}
			double sum = 0;
			double slowest = 0;
			for (String name : names) {
				docker.waitForExit(name, Duration.ofMinutes(5));
				Matcher matcher = WROTE.matcher(docker.logs(name));
				if (!matcher.find()) {
					throw new IllegalStateException("no summary from " + name + ":\n" + docker.logs(name));
				}
				sum += Double.parseDouble(matcher.group(3));
				slowest = Math.max(slowest, Double.parseDouble(matcher.group(2)));
			}
			System.out.printf(Locale.ROOT, "| %d | %,d | %,.0f | %.1f |%n", count, perContainer * count, sum, slowest);
		}
		finally {
			docker.removeAll();
		}
	}

	private static List<String> javaCommand(String mainClass) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu %U %S", java));
		command.addAll(JVM_FLAGS);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
		return command;
	}

	private static Output run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(env);
		Process process = builder.start();
		StringBuilder text = new StringBuilder();
		double cpu = Double.NaN;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				text.append(line).append('\n');
				Matcher matcher = CPU.matcher(line.trim());
				if (matcher.matches()) {
					cpu = Double.parseDouble(matcher.group(1)) + Double.parseDouble(matcher.group(2));
				}
			}
		}
		int code = process.waitFor();
		if (code != 0) {
			throw new IllegalStateException(command + " exited with " + code + ":\n" + text);
		}
		return new Output(text.toString(), cpu);
	}

	private record Output(String text, double cpuSeconds) {
	}

	private record Result(long records, double rate, double cpuSeconds) {
	}

}
