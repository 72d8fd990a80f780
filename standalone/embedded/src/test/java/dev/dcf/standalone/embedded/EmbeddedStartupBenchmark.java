package dev.dcf.standalone.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures how long the embedded broker and registry take to start, each run
 * on fresh log directories and random ports, and prints a table with the medians. Run it
 * with {@code scripts/bench-embedded-startup.sh [runs]}. Arguments: number of runs
 * (default 5), directory for the runs' log directories (default {@code target/bench}),
 * {@code auth} to start the broker with SASL and the authorizer ({@link BrokerAuth}) and
 * the registry as its super user.
 */
public final class EmbeddedStartupBenchmark {

	private EmbeddedStartupBenchmark() {
	}

	public static void main(String[] args) throws IOException {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path base = Files.createDirectories(Path.of((args.length > 1) ? args[1] : "target/bench").toAbsolutePath());
		List<long[]> rows = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			Path logDir = Files.createTempDirectory(base, "kafka-");
			EmbeddedKafka.Builder builder = EmbeddedKafka.builder().port(0).logDir(logDir);
			if (args.length > 2 && args[2].equals("auth")) {
				builder.auth(BrokerAuth.withBrokerUser("bench-broker", "bench-broker-password-0123"));
			}
			EmbeddedKafka kafka = builder.build();
			EmbeddedSchemaRegistry registry = null;
			try {
				long t0 = System.nanoTime();
				kafka.start();
				long t1 = System.nanoTime();
				registry = EmbeddedSchemaRegistry.builder()
					.port(0)
					.bootstrapServers(kafka.bootstrapServers())
					.kafkaClientProperties(kafka.adminProperties())
					.build();
				registry.start();
				long t2 = System.nanoTime();
				registry.close();
				kafka.close();
				long t3 = System.nanoTime();
				rows.add(new long[] { run, millis(t1 - t0), millis(t2 - t1), millis(t2 - t0), millis(t3 - t2) });
			}
			finally {
				if (registry != null) {
					registry.close();
				}
				kafka.close();
				FileTrees.deleteQuietly(logDir);
			}
		}
		print(rows);
	}

	private static void print(List<long[]> rows) {
		System.out.println();
		System.out.printf("%-8s %10s %12s %10s %10s%n", "run", "broker ms", "registry ms", "total ms", "stop ms");
		for (long[] row : rows) {
			System.out.printf("%-8d %10d %12d %10d %10d%n", row[0], row[1], row[2], row[3], row[4]);
		}
		System.out.printf("%-8s %10d %12d %10d %10d%n", "median", median(rows, 1), median(rows, 2), median(rows, 3),
				median(rows, 4));
		System.out.println("(run 1 includes class loading and JIT warm-up of a fresh JVM)");
	}

	private static long median(List<long[]> rows, int column) {
		long[] values = rows.stream().mapToLong((row) -> row[column]).toArray();
		Arrays.sort(values);
		int mid = values.length / 2;
		return (values.length % 2 == 1) ? values[mid] : (values[mid - 1] + values[mid]) / 2;
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
