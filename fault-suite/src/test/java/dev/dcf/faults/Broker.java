package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import dev.dcf.testsupport.TcpProxy;

/**
 * The Kafka broker JVM ({@link BrokerMain}) on fixed ports and a persistent log
 * directory: {@link #kill()} and {@link #start()} bring it back as it was. Clients the
 * suite cuts off alone reach it through a {@link TcpProxy} of their own
 * ({@link #proxiedListener}).
 */
final class Broker {

	final int clientPort;

	private final int controllerPort = Ports.free();

	private final Path logDir;

	private final JavaProcess process;

	private final List<String> proxied = new ArrayList<>();

	Broker(Path logs, Path logDir) {
		this.clientPort = Ports.free();
		this.logDir = logDir;
		this.process = JavaProcess.main("broker", logs.resolve("broker.log"), logs.resolve("broker"), BrokerMain.class,
				"384m");
		SuiteLogins.environment().forEach(this.process::env);
	}

	String bootstrapServers() {
		return "localhost:" + this.clientPort;
	}

	/**
	 * A listener of its own for one client, reached through a proxy: the broker listens
	 * on a free port and advertises the proxy's port. Call before {@link #start()}.
	 * @param name the listener's name (upper case)
	 * @return the proxy, forwarding to the new listener
	 */
	TcpProxy proxiedListener(String name) {
		int port = Ports.free();
		int proxyPort = Ports.free();
		this.proxied.add(name + "=" + port + ":" + proxyPort);
		return new TcpProxy(proxyPort, port);
	}

	void start() {
		List<String> arguments = new ArrayList<>(List.of(Integer.toString(this.clientPort),
				Integer.toString(this.controllerPort), this.logDir.toString()));
		arguments.addAll(this.proxied);
		this.process.arguments(arguments);
		this.process.start();
		Ports.awaitListening("broker", this.clientPort, Duration.ofSeconds(120), this.process);
	}

	void kill() {
		this.process.kill();
	}

	void stop() {
		this.process.stop(20);
	}

}
