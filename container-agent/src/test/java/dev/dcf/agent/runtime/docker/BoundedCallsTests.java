package dev.dcf.agent.runtime.docker;

import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BoundedCallsTests {

	private final BoundedCalls calls = new BoundedCalls(new DockerFailures(URI.create("unix:///test.sock")));

	@AfterEach
	void close() {
		this.calls.close();
	}

	@Test
	void returnsTheResultOfACallWithinItsBound() {
		assertThat(this.calls.call("answer", Duration.ofSeconds(5), () -> 42)).isEqualTo(42);
	}

	@Test
	void callThatOutlivesItsBoundFailsWithTimeoutAndIsInterrupted() throws Exception {
		CountDownLatch interrupted = new CountDownLatch(1);

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.calls.run("hang", Duration.ofMillis(100), () -> {
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
				}
			}))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.TIMEOUT))
			.withMessageContaining("hang");
		assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void failureOfTheCallIsTranslated() {
		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.calls.run("connect", Duration.ofSeconds(5), () -> {
				throw new RuntimeException(new SocketException("Connection refused"));
			}))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.DAEMON_UNAVAILABLE));
	}

	@Test
	void closedCallsRefuseWork() {
		this.calls.close();

		assertThatExceptionOfType(ContainerRuntimeException.class)
			.isThrownBy(() -> this.calls.call("late", Duration.ofSeconds(1), () -> 1))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(Kind.OTHER));
	}

}
