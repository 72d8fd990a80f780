package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.dcf.standalone.embedded.BrokerAuth;
import dev.dcf.standalone.embedded.EmbeddedKafka;

/**
 * The broker JVM: {@code BrokerMain <clientPort> <controllerPort> <logDir>
 * [<NAME>=<port>:<advertisedPort> ...]}.
 * <p>
 * The registry and the generators use {@code clientPort}. Every named listener is
 * advertised at another port (a TCP proxy in front of it), so that a client bootstrapped
 * there keeps talking through its proxy and the suite can cut that client off alone: the
 * handler and each agent have one. The controller port is fixed too, since every restart
 * is a new JVM and the quorum must be found at the same address. Every listener
 * authenticates, with the users of {@link SuiteLogins} from the environment.
 */
public final class BrokerMain {

	private BrokerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		int clientPort = Integer.parseInt(args[0]);
		int controllerPort = Integer.parseInt(args[1]);
		Path logDir = Path.of(args[2]);
		BrokerAuth auth = SuiteLogins.fromEnvironment();
		String client = "SASL_PLAINTEXT";
		List<String> listeners = new ArrayList<>(List.of(client + "://localhost:" + clientPort));
		List<String> advertised = new ArrayList<>(List.of(client + "://localhost:" + clientPort));
		List<String> protocols = new ArrayList<>(
				List.of(client + ":" + BrokerAuth.PROTOCOL, "CONTROLLER:" + BrokerAuth.PROTOCOL));
		List<String> named = new ArrayList<>();
		for (int i = 3; i < args.length; i++) {
			String name = args[i].substring(0, args[i].indexOf('='));
			String[] ports = args[i].substring(name.length() + 1).split(":");
			listeners.add(name + "://localhost:" + ports[0]);
			advertised.add(name + "://localhost:" + ports[1]);
			protocols.add(name + ":" + BrokerAuth.PROTOCOL);
			named.add(name);
		}
		listeners.add("CONTROLLER://localhost:" + controllerPort);
		EmbeddedKafka.Builder builder = EmbeddedKafka.builder()
			.port(clientPort)
			.logDir(logDir)
			.auth(auth)
			.startTimeout(Duration.ofSeconds(120))
			.brokerProperty("listeners", String.join(",", listeners))
			.brokerProperty("advertised.listeners", String.join(",", advertised))
			.brokerProperty("listener.security.protocol.map", String.join(",", protocols))
			.brokerProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
		for (String name : named) {
			auth.listenerProperties(name).forEach(builder::brokerProperty);
		}
		EmbeddedKafka kafka = builder.build();
		Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "broker-stop"));
		kafka.start();
		System.out.println("BROKER READY " + kafka.bootstrapServers());
		Thread.currentThread().join();
	}

}
