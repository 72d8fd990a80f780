package dev.dcf.agent.runtime.docker;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;
import dev.dcf.agent.concurrent.DaemonThreads;

/**
 * Runs blocking Docker calls with a hard deadline.
 *
 * <p>
 * Why: docker-java reads unix sockets through a blocking {@code SocketChannel} that
 * ignores the HTTP client's response timeout, so a daemon that accepts a request and
 * never answers would block the caller forever. Each call runs on a worker thread; at the
 * deadline the worker is interrupted, which closes the channel and frees the thread, and
 * the caller gets {@link Kind#TIMEOUT}. Thread-safe.
 */
final class BoundedCalls implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BoundedCalls.class);

	private final ExecutorService workers;

	private final DockerFailures failures;

	BoundedCalls(DockerFailures failures) {
		this.failures = failures;
		ThreadFactory threads = DaemonThreads.named("dcf-docker-call-");
		this.workers = Executors.newCachedThreadPool(threads);
	}

	/**
	 * Runs {@code body} and waits at most {@code bound} for it. A
	 * {@link ContainerRuntimeException} from the body passes through; anything else is
	 * translated.
	 * @param what the call in words, for messages
	 */
	<T> T call(String what, Duration bound, Callable<T> body) {
		Future<T> future;
		try {
			future = this.workers.submit(body);
		}
		catch (RejectedExecutionException ex) {
			throw new ContainerRuntimeException(Kind.OTHER, "Docker runtime is closed; cannot " + what, ex);
		}
		long start = System.nanoTime();
		try {
			T result = future.get(bound.toNanos(), TimeUnit.NANOSECONDS);
			if (log.isDebugEnabled()) {
				log.debug("{}: {} ms", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
			}
			return result;
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw this.failures.timeout(what, bound);
		}
		catch (ExecutionException ex) {
			throw this.failures.translate(what, ex.getCause());
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "Interrupted while waiting to " + what, ex);
		}
	}

	/** {@link #call} for bodies without a result. */
	void run(String what, Duration bound, Body body) {
		call(what, bound, () -> {
			body.run();
			return null;
		});
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
	}

	/** A call without a result that may throw. */
	@FunctionalInterface
	interface Body {

		void run() throws Exception;

	}

}
