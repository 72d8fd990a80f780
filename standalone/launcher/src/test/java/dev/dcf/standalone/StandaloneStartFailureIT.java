package dev.dcf.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The handler's and the agent's contexts start while the broker does (Prerequisite): when
 * the broker cannot start, the start fails with the broker's reason, not with whatever
 * the contexts ran into, and stopping leaves nothing behind. Needs no Docker.
 */
class StandaloneStartFailureIT {

	@Test
	void aBrokerThatCannotStartFailsTheStartWithItsReasonAndStoppingFreesEverything(@TempDir Path dataDir)
			throws Exception {
		// the broker's log directory cannot be made: a file is in its place
		Files.writeString(dataDir.resolve("kafka"), "not a directory");
		int httpPort = freePort();
		StandaloneSettings settings = new StandaloneSettings(dataDir, 0, 0, httpPort, false, null,
				Duration.ofSeconds(60), false);
		String[] args = { "--dcf.agent.docker-host=unix://" + dataDir.resolve("no-docker.sock") };
		GeneratorImage noDocker = new GeneratorImage((command, directory, timeout, output) -> 1, null, false);
		Standalone standalone = new Standalone(settings, new AdminLogin("it-password-1234"), args, noDocker,
				Clock.systemUTC());

		try {
			assertThatIllegalStateException().isThrownBy(standalone::start)
				.withMessage("The embedded Kafka broker and schema registry did not start")
				.havingRootCause()
				.withMessageContaining(dataDir.resolve("kafka").toString());
			assertThat(standalone.handlerContext()).as("no handler left half started").isNull();
		}
		finally {
			assertThat(standalone.stop()).as("clean stop").isTrue();
		}
		try (ServerSocket again = new ServerSocket()) {
			again.bind(new InetSocketAddress("localhost", httpPort));
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
