package dev.dcf.agent.runtime.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import dev.dcf.agent.runtime.ContainerSpec;
import dev.dcf.agent.runtime.DaemonInfo;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.testsupport.TestImages;

/**
 * Not a test: measures what starting one container costs, raw docker-java against the
 * adapter, on the real daemon. Prints a table of medians over N runs (after a few
 * unmeasured warm-up runs). Run it from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -pl container-agent test-compile
 * ./mvnw -B -o -q -pl container-agent dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "container-agent/target/test-classes:container-agent/target/classes:$(cat container-agent/target/cp.txt)" \
 *     dev.dcf.agent.runtime.docker.DockerCreateBenchmark 20
 * </pre>
 *
 * Both variants create the same hardened sleeper spec, so the difference is the adapter's
 * own work (bounded call hand-off, the inspect after start). Other scenarios (e.g. the
 * agent's CREATE round trip) can be added as further {@link Scenario}s.
 */
public final class DockerCreateBenchmark {

	private static final int WARMUP = 3;

	private DockerCreateBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		TestImages.ensureBuilt();
		String prefix = "dcf-bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<Row> rows = new ArrayList<>();
		DaemonInfo daemon;
		try (DockerClient raw = rawClient();
				DockerContainerRuntime runtime = new DockerContainerRuntime(DockerRuntimeSettings.defaults())) {
			daemon = runtime.info();
			Scenario rawScenario = new Scenario("raw docker-java create+start / remove", (i) -> {
				ContainerSpec spec = spec(prefix + "raw-" + i);
				long start = System.nanoTime();
				String id = raw.createContainerCmd(spec.image())
					.withName(spec.name())
					.withEnv(HardenedHostConfig.env(spec.env()))
					.withLabels(spec.labels())
					.withHostConfig(HardenedHostConfig.of(spec))
					.exec()
					.getId();
				raw.startContainerCmd(id).exec();
				long started = System.nanoTime();
				raw.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
				return new Sample(started - start, System.nanoTime() - started);
			});
			Scenario adapterScenario = new Scenario("DockerContainerRuntime.createAndStart / remove", (i) -> {
				ContainerSpec spec = spec(prefix + "adapter-" + i);
				long start = System.nanoTime();
				ManagedContainer container = runtime.createAndStart(spec);
				long started = System.nanoTime();
				runtime.remove(container.id());
				return new Sample(started - start, System.nanoTime() - started);
			});
			rows.addAll(measure(runs, List.of(rawScenario, adapterScenario)));
		}
		System.out.println();
		System.out.println("Docker " + daemon.version() + " (API " + daemon.apiVersion() + ", " + daemon.cpus()
				+ " CPUs), image " + TestImages.SLEEPER + ", " + runs + " runs after " + WARMUP + " warm-up runs");
		printTable(rows);
	}

	/** One measured run: the part before and the part after the split point, in ns. */
	public record Sample(long firstNanos, long secondNanos) {
	}

	/** A scenario run {@code i} (warm-up runs have negative {@code i}). */
	@FunctionalInterface
	public interface Trial {

		Sample run(int i) throws Exception;

	}

	/** Medians of one scenario. */
	public record Row(String name, int runs, Duration firstMedian, Duration secondMedian, Duration totalMedian,
			Duration totalMin, Duration totalMax) {
	}

	/** A named trial. */
	public record Scenario(String name, Trial trial) {
	}

	/**
	 * Runs every scenario {@value #WARMUP} times unmeasured, then {@code runs} times,
	 * interleaved (run i of each scenario before run i+1 of any), so that load changes on
	 * the machine hit all scenarios alike.
	 */
	public static List<Row> measure(int runs, List<Scenario> scenarios) throws Exception {
		for (int i = 1; i <= WARMUP; i++) {
			for (Scenario scenario : scenarios) {
				scenario.trial().run(-i);
			}
		}
		long[][] first = new long[scenarios.size()][runs];
		long[][] second = new long[scenarios.size()][runs];
		for (int i = 0; i < runs; i++) {
			for (int s = 0; s < scenarios.size(); s++) {
				Sample sample = scenarios.get(s).trial().run(i);
				first[s][i] = sample.firstNanos();
				second[s][i] = sample.secondNanos();
			}
		}
		List<Row> rows = new ArrayList<>();
		for (int s = 0; s < scenarios.size(); s++) {
			long[] total = new long[runs];
			for (int i = 0; i < runs; i++) {
				total[i] = first[s][i] + second[s][i];
			}
			Arrays.sort(total);
			rows.add(new Row(scenarios.get(s).name(), runs, median(first[s]), median(second[s]), median(total),
					Duration.ofNanos(total[0]), Duration.ofNanos(total[runs - 1])));
		}
		return rows;
	}

	public static void printTable(List<Row> rows) {
		String format = "%-48s %6s %14s %10s %10s %10s %10s%n";
		System.out.printf(format, "scenario", "runs", "create+start", "remove", "total", "min", "max");
		for (Row row : rows) {
			System.out.printf(format, row.name(), row.runs(), millis(row.firstMedian()), millis(row.secondMedian()),
					millis(row.totalMedian()), millis(row.totalMin()), millis(row.totalMax()));
		}
		System.out.println("(medians in ms; min/max of total)");
	}

	private static Duration median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		long median = (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		return Duration.ofNanos(median);
	}

	private static String millis(Duration duration) {
		return String.format("%.1f", duration.toNanos() / 1e6);
	}

	private static ContainerSpec spec(String name) {
		return new ContainerSpec(name, TestImages.SLEEPER, List.of(), Map.of("SLEEP", "300"),
				Map.of("dcf.benchmark", "true"), 500_000_000L, 64L << 20, "bridge", ContainerSpec.Hardening.DEFAULT);
	}

	private static DockerClient rawClient() {
		DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
			.withDockerHost(DockerRuntimeSettings.DEFAULT_HOST.toString())
			.build();
		return DockerClientImpl.getInstance(config,
				new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
					.connectionTimeout(Duration.ofSeconds(5))
					.responseTimeout(Duration.ofSeconds(30))
					.build());
	}

}
