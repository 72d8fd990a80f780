package dev.dcf.handler.messaging;

import java.time.Duration;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The one Kafka admin client of the handler (health, offsets, heartbeat sight), created
 * on first use from Spring's {@link KafkaAdmin} settings and closed with the context. The
 * client is thread-safe; every caller bounds its own calls.
 */
@Component
class SharedAdmin implements DisposableBean {

	private final KafkaAdmin kafkaAdmin;

	private Admin admin;

	SharedAdmin(KafkaAdmin kafkaAdmin) {
		this.kafkaAdmin = kafkaAdmin;
	}

	synchronized Admin get() {
		if (this.admin == null) {
			this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(5));
			this.admin = null;
		}
	}

}
