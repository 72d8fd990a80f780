package dev.dcf.handler.messaging;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.testsupport.SharedInfrastructure;

import org.springframework.kafka.core.KafkaAdmin;

/**
 * Measures a throughput sampling round for the issue note; not a test, nothing is
 * asserted. One JVM: the embedded broker, N topics of 3 partitions with one record each,
 * then R rounds of {@link KafkaTopicSampler} (batched: end offsets and log sizes of all
 * topics) next to R rounds of the per-topic way ({@link KafkaTopicOffsets}, two requests
 * per topic) on the same topics. Time per round is wall clock; CPU per round is the CPU
 * time of the sampling thread plus the admin client's thread (the handler's share), and
 * of all other threads (the broker's share, same process). Prints a Markdown table.
 * Arguments: {@code [topics] [rounds]} (default 1000 and 10).
 */
public final class ThroughputSamplingBenchmark {

	private ThroughputSamplingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int topics = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		String bootstrap = SharedInfrastructure.get().bootstrapServers();
		List<String> names = createTopics(bootstrap, topics);
		KafkaAdmin kafkaAdmin = new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
		SharedAdmin admin = new SharedAdmin(kafkaAdmin);
		ThroughputProperties properties = new ThroughputProperties(Duration.ofSeconds(2), Duration.ofMinutes(10),
				Duration.ofSeconds(30), 500, Duration.ofSeconds(30));
		KafkaTopicSampler batched = new KafkaTopicSampler(admin, properties, Clock.systemUTC());
		KafkaTopicOffsets perTopic = new KafkaTopicOffsets(admin);

		// warm-up: connections, metadata, the partition cache of the batched sampler
		batched.sample(names);
		names.forEach(perTopic::endOffsetSum);

		Result fast = measure(rounds, () -> {
			if (batched.sample(names).size() != names.size()) {
				throw new IllegalStateException("not every topic sampled");
			}
		});
		Result slow = measure(rounds, () -> names.forEach((name) -> {
			if (perTopic.endOffsetSum(name).isEmpty()) {
				throw new IllegalStateException("topic " + name + " not read");
			}
		}));
		admin.destroy();

		System.out.printf(Locale.ROOT, "%n%d topics x 3 partitions, %d rounds each, same JVM and broker%n%n", topics,
				rounds);
		System.out.println("| way | median time per round | handler CPU per round | broker CPU per round |");
		System.out.println("|---|---|---|---|");
		print("batched (end offsets + log sizes, one request each)", fast);
		print("per topic (describe + list offsets per topic, no sizes)", slow);
		System.out.printf(Locale.ROOT, "%nbatched is %.1fx faster per round, %.1fx less handler CPU%n",
				slow.medianMillis() / fast.medianMillis(), slow.handlerCpuMillis() / fast.handlerCpuMillis());
		System.exit(0);
	}

	private static List<String> createTopics(String bootstrap, int count) throws Exception {
		List<String> names = new ArrayList<>();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
				KafkaProducer<String, String> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
						new StringSerializer())) {
			String run = Long.toString(System.nanoTime(), 36);
			for (int i = 0; i < count; i += 100) {
				List<NewTopic> batch = new ArrayList<>();
				for (int j = i; j < Math.min(count, i + 100); j++) {
					String name = "bench-sampling-" + run + "-" + j;
					names.add(name);
					batch.add(new NewTopic(name, 3, (short) 1));
				}
				admin.createTopics(batch).all().get(120, TimeUnit.SECONDS);
			}
			for (String name : names) {
				producer.send(new ProducerRecord<>(name, "k", "v"));
			}
			producer.flush();
		}
		return names;
	}

	private static Result measure(int rounds, Runnable round) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] millis = new long[rounds];
		long handlerCpu = 0;
		long otherCpu = 0;
		for (int i = 0; i < rounds; i++) {
			long[] before = cpu(threads);
			long start = System.nanoTime();
			round.run();
			millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			long[] after = cpu(threads);
			handlerCpu += after[0] - before[0];
			otherCpu += after[1] - before[1];
		}
		Arrays.sort(millis);
		return new Result(millis[rounds / 2], handlerCpu / 1e6 / rounds, otherCpu / 1e6 / rounds);
	}

	/** CPU nanoseconds of {handler threads, all other threads}. */
	private static long[] cpu(ThreadMXBean threads) {
		long handler = 0;
		long other = 0;
		long self = Thread.currentThread().getId();
		for (long id : threads.getAllThreadIds()) {
			long time = threads.getThreadCpuTime(id);
			if (time < 0) {
				continue;
			}
			var info = threads.getThreadInfo(id);
			boolean isHandler = id == self || (info != null && info.getThreadName().startsWith("kafka-admin-client"));
			if (isHandler) {
				handler += time;
			}
			else {
				other += time;
			}
		}
		return new long[] { handler, other };
	}

	private static void print(String way, Result result) {
		System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms |%n", way, result.medianMillis(),
				result.handlerCpuMillis(), result.brokerCpuMillis());
	}

	private record Result(double medianMillis, double handlerCpuMillis, double brokerCpuMillis) {
	}

}
