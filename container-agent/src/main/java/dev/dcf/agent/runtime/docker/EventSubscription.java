package dev.dcf.agent.runtime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;

/**
 * One open Docker event stream. It owns its own HTTP client: closing that client is the
 * one way to unblock a stream whose daemon stopped talking, so {@link #close()} always
 * ends the stream, whatever state it is in.
 *
 * <p>
 * Events arrive on docker-java's stream thread. A failure before the stream is
 * established is thrown by {@link #awaitEstablished}; after that, the first failure or
 * end of stream is reported once to {@code onError} and the subscription is dead. Neither
 * is reported after {@link #close()}.
 */
final class EventSubscription implements ResultCallback<Event>, ContainerRuntime.Subscription {

	private static final Logger log = LoggerFactory.getLogger(EventSubscription.class);

	private final DockerClient client;

	private final Consumer<ContainerEvent> listener;

	private final Consumer<Throwable> onError;

	private final Clock clock;

	private final DockerFailures failures;

	private final String description;

	private final CompletableFuture<Void> established = new CompletableFuture<>();

	private Closeable stream;

	private boolean finished;

	EventSubscription(DockerClient client, String description, Consumer<ContainerEvent> listener,
			Consumer<Throwable> onError, Clock clock, DockerFailures failures) {
		this.client = client;
		this.description = description;
		this.listener = listener;
		this.onError = onError;
		this.clock = clock;
		this.failures = failures;
	}

	/**
	 * Waits until the daemon has answered the events request.
	 * @throws ContainerRuntimeException if it failed or did not answer within
	 * {@code bound}; the subscription is closed then
	 */
	void awaitEstablished(Duration bound) {
		try {
			this.established.get(bound.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			close();
			throw this.failures.timeout("the events request (" + this.description + ")", bound);
		}
		catch (ExecutionException ex) {
			close();
			throw this.failures.translate("watch events (" + this.description + ")", ex.getCause());
		}
		catch (InterruptedException ex) {
			close();
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "Interrupted while subscribing to Docker events", ex);
		}
	}

	@Override
	public void onStart(Closeable stream) {
		boolean closeNow;
		synchronized (this) {
			this.stream = stream;
			closeNow = this.finished;
		}
		if (closeNow) {
			closeQuietly(stream);
		}
		else {
			this.established.complete(null);
		}
	}

	@Override
	public void onNext(Event event) {
		synchronized (this) {
			if (this.finished) {
				return;
			}
		}
		DockerStates.event(event, this.clock.instant()).ifPresent((containerEvent) -> {
			try {
				this.listener.accept(containerEvent);
			}
			catch (RuntimeException ex) {
				log.warn("Container event listener failed on {}", containerEvent, ex);
			}
		});
	}

	@Override
	public void onError(Throwable failure) {
		fail(this.failures.translate("watch events (" + this.description + ")", failure));
	}

	@Override
	public void onComplete() {
		// the daemon never ends an events stream by itself: it went away or restarted
		fail(new ContainerRuntimeException(Kind.DAEMON_UNAVAILABLE,
				"Docker event stream (" + this.description + ") ended: the daemon closed the connection"));
	}

	private void fail(ContainerRuntimeException failure) {
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.finished = true;
		}
		release();
		if (!this.established.completeExceptionally(failure)) {
			log.warn("Docker event stream broke: {}", failure.getMessage());
			this.onError.accept(failure);
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.finished = true;
		}
		release();
		this.established.cancel(false);
	}

	private void release() {
		Closeable current;
		synchronized (this) {
			current = this.stream;
		}
		closeQuietly(current);
		closeQuietly(this.client);
	}

	private static void closeQuietly(Closeable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (IOException | RuntimeException ex) {
			log.debug("Ignoring failure while closing a Docker stream", ex);
		}
	}

}
