package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;

import dev.dcf.standalone.embedded.EmbeddedKafka;

/**
 * The broker JVM: {@code BrokerMain <clientPort> <handlerPort> <advertisedHandlerPort>
 * <controllerPort> <logDir>}.
 * <p>
 * Two client listeners: agents, generators and the registry use {@code clientPort}; the
 * handler uses {@code handlerPort}, advertised as {@code advertisedHandlerPort} (the TCP
 * proxy in front of it), so that after bootstrapping the handler keeps talking through
 * the proxy and the suite can cut it off alone. The controller port is fixed too, since
 * every restart is a new JVM and the quorum must be found at the same address.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		int clientPort = Integer.parseInt(args[0]);
		int handlerPort = Integer.parseInt(args[1]);
		int advertisedHandlerPort = Integer.parseInt(args[2]);
		int controllerPort = Integer.parseInt(args[3]);
		Path logDir = Path.of(args[4]);
		EmbeddedKafka kafka = EmbeddedKafka.builder()
			.port(clientPort)
			.logDir(logDir)
			.startTimeout(Duration.ofSeconds(120))
			.brokerProperty("listeners",
					"PLAINTEXT://localhost:" + clientPort + ",HANDLER://localhost:" + handlerPort
							+ ",CONTROLLER://localhost:" + controllerPort)
			.brokerProperty("advertised.listeners",
					"PLAINTEXT://localhost:" + clientPort + ",HANDLER://localhost:" + advertisedHandlerPort)
			.brokerProperty("listener.security.protocol.map",
					"PLAINTEXT:PLAINTEXT,HANDLER:PLAINTEXT,CONTROLLER:PLAINTEXT")
			.brokerProperty("controller.quorum.voters", "1@localhost:" + controllerPort)
			.build();
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "broker-stop"));
		kafka.start();
		System.out.println("BROKER READY " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}

}
