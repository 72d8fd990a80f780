package dev.dcf.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PortsTests {

	@Test
	void namesTheVariableThatMovesAPortInUse() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress(0));
			int port = taken.getLocalPort();

			assertThatIllegalStateException()
				.isThrownBy(() -> Ports.requireFree(port, "job handler", "DCF_STANDALONE_HTTP_PORT"))
				.withMessageContaining("Port " + port)
				.withMessageContaining("DCF_STANDALONE_HTTP_PORT");
		}
	}

	@Test
	void acceptsAFreePortAndPortZero() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}
		int free = port;
		assertThatCode(() -> Ports.requireFree(free, "x", "X")).doesNotThrowAnyException();
		assertThatCode(() -> Ports.requireFree(0, "x", "X")).doesNotThrowAnyException();
	}

}
