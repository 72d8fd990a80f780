package dev.dcf.standalone.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Measures the broker's metadata writes that lie on a job's way to RUNNING, for
 * docs/benchmarks.md; not a test, nothing is asserted. For each value of
 * {@code controller.quorum.append.linger.ms} (alternating, a fresh authenticated broker
 * each round): N times, one after the other, a topic created, then a run principal
 * granted as the handler grants it (its SCRAM credentials and its three ACLs, both
 * requests at once). Prints the medians.
 * <p>
 * Arguments: {@code [N] [rounds] [linger values, comma-separated]} (default 30, 2,
 * "25,2"; 25 is Kafka's default).
 */
public final class MetadataCommitBenchmark {

	private MetadataCommitBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int n = (args.length > 0) ? Integer.parseInt(args[0]) : 30;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 2;
		String[] lingers = ((args.length > 2) ? args[2] : "25,2").split(",");
		Path base = Files.createDirectories(Path.of("target/bench").toAbsolutePath());
		List<String> rows = new ArrayList<>();
		for (int round = 1; round <= rounds; round++) {
			for (String linger : lingers) {
				rows.add(round(n, round, linger.trim(), base));
			}
		}
		System.out.println();
		System.out.println("| round | controller.quorum.append.linger.ms | create a topic, median (min-max) "
				+ "| grant a run principal, median (min-max) | n |");
		System.out.println("|---|---|---|---|---|");
		rows.forEach(System.out::println);
	}

	private static String round(int n, int round, String linger, Path base) throws Exception {
		Path logDir = Files.createTempDirectory(base, "kafka-");
		EmbeddedKafka kafka = EmbeddedKafka.builder()
			.port(0)
			.logDir(logDir)
			.auth(BrokerAuth.withBrokerUser("bench-broker", "bench-broker-password-0123"))
			.brokerProperty("controller.quorum.append.linger.ms", linger)
			.build();
		try {
			kafka.start();
			Map<String, Object> config = new HashMap<>(kafka.adminProperties());
			config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
			try (Admin admin = Admin.create(config)) {
				// warm-up: the first requests load classes and open connections
				create(admin, "warm-up");
				grant(admin, "warm-up", "warm-up");
				long[] creates = new long[n];
				long[] grants = new long[n];
				for (int i = 0; i < n; i++) {
					String topic = "bench-" + round + "-" + i;
					long t0 = System.nanoTime();
					create(admin, topic);
					long t1 = System.nanoTime();
					grant(admin, "dcf-run-" + topic, topic);
					long t2 = System.nanoTime();
					creates[i] = t1 - t0;
					grants[i] = t2 - t1;
				}
				return "| " + round + " | " + linger + " | " + describe(creates) + " | " + describe(grants) + " | " + n
						+ " |";
			}
		}
		finally {
			kafka.close();
			FileTrees.deleteQuietly(logDir);
		}
	}

	private static void create(Admin admin, String topic) throws Exception {
		admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
	}

	/** As the handler's run principals: credentials and ACLs requested at once. */
	private static void grant(Admin admin, String user, String topic) throws Exception {
		ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
		List<AclBinding> bindings = new ArrayList<>();
		for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE)) {
			bindings.add(new AclBinding(pattern,
					new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
		}
		Future<Void> credentials = admin
			.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), "run-password-0123456789")))
			.all();
		Future<Void> acls = admin.createAcls(bindings).all();
		credentials.get(30, TimeUnit.SECONDS);
		acls.get(30, TimeUnit.SECONDS);
	}

	private static String describe(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format("%.1f ms (%.1f-%.1f)", sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6,
				sorted[sorted.length - 1] / 1e6);
	}

}
