package dev.dcf.standalone.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/** Waits until a broker answers clients, the way a client would find out. */
final class KafkaReadiness {

	private static final Duration POLL = Duration.ofMillis(100);

	private KafkaReadiness() {
	}

	/**
	 * Returns once {@code describeCluster} at {@code bootstrapServers} lists at least one
	 * broker.
	 * @throws IllegalStateException if that does not happen within {@code timeout}
	 */
	static void await(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Map<String, Object> config = new java.util.HashMap<>(clientProperties);
		config.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				10_000, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200, AdminClientConfig.CLIENT_ID_CONFIG,
				"embedded-kafka-readiness"));
		Exception last = null;
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline) {
				long leftMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
				try {
					Collection<Node> nodes = admin
						.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(leftMs, 10_000)))
						.nodes()
						.get(leftMs, TimeUnit.MILLISECONDS);
					if (!nodes.isEmpty()) {
						return;
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					last = ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while waiting for Kafka at " + bootstrapServers, ex);
				}
				sleep(POLL);
			}
		}
		throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + timeout, last);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
