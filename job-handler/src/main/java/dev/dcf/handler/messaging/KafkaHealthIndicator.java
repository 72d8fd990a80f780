package dev.dcf.handler.messaging;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Health {@code kafka}: UP when the cluster answers within {@value #TIMEOUT_MS} ms and
 * the status listeners run; DOWN otherwise, with the error.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	static final long TIMEOUT_MS = 3000;

	private final SharedAdmin admin;

	private final KafkaListenerEndpointRegistry listeners;

	KafkaHealthIndicator(SharedAdmin admin, KafkaListenerEndpointRegistry listeners) {
		super("Kafka health check failed");
		this.admin = admin;
		this.listeners = listeners;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin.get()
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT_MS));
		String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
		int brokers = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
		List<String> stopped = this.listeners.getListenerContainers()
			.stream()
			.filter((container) -> !container.isRunning())
			.map(MessageListenerContainer::getListenerId)
			.toList();
		builder.withDetail("clusterId", clusterId).withDetail("brokers", brokers);
		if (stopped.isEmpty()) {
			builder.up().withDetail("listeners", "running");
		}
		else {
			builder.down().withDetail("stoppedListeners", stopped);
		}
	}

}
