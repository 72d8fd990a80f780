package dev.dcf.generator.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.standalone.embedded.EmbeddedKafka;
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
 * Not a test: the cost of Kafka authentication for a generator. The generator app
 * ({@link GeneratorBenchMain}, RATE=unlimited, JSON readings) writes the same number of
 * records to an embedded broker without authentication and to one with SASL and ACLs as a
 * per-run SCRAM-SHA-512 user, in JVMs of their own, alternating, and prints records/s.
 * Run it with {@code scripts/bench-sasl.sh [records] [rounds]}.
 */
public final class SaslBenchmark {

	private static final Pattern WROTE = Pattern.compile("Wrote (\\d+) records in ([\\d.]+) s: ([\\d.]+) records/s");

	private static final String RUN_PASSWORD = "bench-run-password-0123456789";

	private SaslBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		long records = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 3;
		BrokerAuth auth = BrokerAuth.withBrokerUser("bench-broker", "bench-broker-password-0123");
		try (EmbeddedKafka plain = EmbeddedKafka.builder().port(0).build();
				EmbeddedKafka secured = EmbeddedKafka.builder().port(0).auth(auth).build()) {
			long t0 = System.nanoTime();
			plain.start();
			long t1 = System.nanoTime();
			secured.start();
			long t2 = System.nanoTime();
			System.out.printf("broker start: plain %d ms, SASL+ACLs %d ms (one JVM, plain first)%n",
					(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
			System.out.println("| round | plain records/s | SASL/SCRAM records/s |");
			System.out.println("|---|---|---|");
			for (int round = 1; round <= rounds; round++) {
				String plainTopic = topic(plain, null);
				double plainRate = generate(plain.bootstrapServers(), plainTopic, records, Map.of());
				String user = "dcf-run-bench-" + round;
				String securedTopic = topic(secured, user);
				Map<String, String> env = new HashMap<>();
				BrokerAuth.scramClientProperties(user, RUN_PASSWORD)
					.forEach((name, value) -> env.put("KAFKA_" + name.toUpperCase().replace('.', '_'), value));
				double securedRate = generate(secured.bootstrapServers(), securedTopic, records, env);
				System.out.printf("| %d | %.0f | %.0f |%n", round, plainRate, securedRate);
			}
		}
	}

	/** A fresh topic; with a user, that user may write it (as a run principal). */
	private static String topic(EmbeddedKafka kafka, String user) throws Exception {
		String topic = "bench-sasl-" + UUID.randomUUID();
		Map<String, Object> config = new HashMap<>(kafka.adminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
			if (user != null) {
				admin
					.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
							new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), RUN_PASSWORD)))
					.all()
					.get(30, TimeUnit.SECONDS);
				ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
				List<AclBinding> acls = new ArrayList<>();
				for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
					acls.add(new AclBinding(pattern,
							new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
				}
				admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
			}
		}
		return topic;
	}

	private static double generate(String bootstrap, String topic, long records, Map<String, String> security)
			throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), GeneratorBenchMain.class.getName())
			.redirectErrorStream(true);
		builder.environment().putAll(security);
		builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
		builder.environment().put("KAFKA_TOPIC", topic);
		builder.environment().put("RATE", "unlimited");
		builder.environment().put("MAX_RECORDS", Long.toString(records));
		Process process = builder.start();
		StringBuilder text = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				text.append(line).append('\n');
			}
		}
		int code = process.waitFor();
		Matcher matcher = WROTE.matcher(text);
		if (code != 0 || !matcher.find()) {
			throw new IllegalStateException("generator exited with " + code + ":\n" + text);
		}
		return Double.parseDouble(matcher.group(3));
	}

}
