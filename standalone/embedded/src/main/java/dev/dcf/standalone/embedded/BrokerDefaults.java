package dev.dcf.standalone.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker settings of the embedded node: one broker+controller, so every replication
 * factor is 1; small buffers and few threads, since it shares a laptop (or a CI machine)
 * with the applications that use it.
 */
final class BrokerDefaults {

	private BrokerDefaults() {
	}

	static Map<String, String> properties(String host, int port, int controllerPort, Path logDir) {
		return properties(host, port, controllerPort, logDir, "PLAINTEXT");
	}

	/** As above, with the client listener named {@code clientListener}. */
	static Map<String, String> properties(String host, int port, int controllerPort, Path logDir,
			String clientListener) {
		Map<String, String> props = new LinkedHashMap<>();
		props.put("process.roles", "broker,controller");
		props.put("node.id", Integer.toString(EmbeddedKafka.NODE_ID));
		props.put("controller.quorum.voters", EmbeddedKafka.NODE_ID + "@" + host + ":" + controllerPort);
		props.put("controller.listener.names", EmbeddedKafka.CONTROLLER_LISTENER);
		props.put("listeners", clientListener + "://" + host + ":" + port + "," + EmbeddedKafka.CONTROLLER_LISTENER
				+ "://" + host + ":" + controllerPort);
		// clients, including generator containers on the host network,
		// reach it as localhost
		props.put("advertised.listeners", clientListener + "://" + host + ":" + port);
		props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		props.put("inter.broker.listener.name", clientListener);
		props.put("log.dirs", logDir.toString());
		props.put("metadata.log.dir", logDir.toString());

		// a single node: internal topics cannot have more than one replica
		props.put("offsets.topic.replication.factor", "1");
		props.put("offsets.topic.num.partitions", "5");
		props.put("transaction.state.log.replication.factor", "1");
		props.put("transaction.state.log.min.isr", "1");
		props.put("transaction.state.log.num.partitions", "5");
		props.put("share.coordinator.state.topic.replication.factor", "1");
		props.put("share.coordinator.state.topic.min.isr", "1");
		props.put("default.replication.factor", "1");
		props.put("min.insync.replicas", "1");

		// the controller's metadata writes (a topic created, a run's credentials and
		// ACLs)
		// wait 25 ms by default for more writes to join them before the flush; one node
		// with a handful of such writes a second gains nothing from it
		props.put("controller.quorum.append.linger.ms", "2");

		// consumers join at once instead of waiting 3 s for more members
		props.put("group.initial.rebalance.delay.ms", "0");
		// user topics (the generators' output) appear on first use
		props.put("auto.create.topics.enable", "true");
		props.put("num.partitions", "1");
		props.put("delete.topic.enable", "true");

		// laptop-sized: small segments and indexes, a 2 MiB cleaner buffer
		// instead of 128 MiB
		props.put("log.segment.bytes", Integer.toString(16 * 1024 * 1024));
		props.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
		props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
		props.put("log.cleaner.threads", "1");
		props.put("num.network.threads", "2");
		props.put("num.io.threads", "4");
		props.put("background.threads", "4");
		props.put("num.recovery.threads.per.data.dir", "1");
		props.put("num.replica.fetchers", "1");
		return props;
	}

}
