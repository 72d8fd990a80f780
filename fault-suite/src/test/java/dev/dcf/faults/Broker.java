package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Kafka broker JVM ({@link BrokerMain}) on fixed ports and a persistent log
 * directory: {@link #kill()} and {@link #start()} bring it back as it was.
 */
final class Broker {

	final int clientPort;

	final int handlerPort;

	private final JavaProcess process;

	Broker(Path logs, Path logDir, int advertisedHandlerPort) {
		this.clientPort = Ports.free();
		this.handlerPort = Ports.free();
		int controllerPort = Ports.free();
		this.process = JavaProcess.main("broker", logs.resolve("broker.log"), logs.resolve("broker"), BrokerMain.class,
				"384m");
		this.process.arguments(List.of(Integer.toString(this.clientPort), Integer.toString(this.handlerPort),
				Integer.toString(advertisedHandlerPort), Integer.toString(controllerPort), logDir.toString()));
	}

	String bootstrapServers() {
		return "localhost:" + this.clientPort;
	}

	void start() {
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
