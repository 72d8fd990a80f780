package dev.dcf.agent.runtime.docker;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ContainerRuntimeException.Kind;

/**
 * One followed container log. Like {@link EventSubscription} it owns its HTTP client:
 * closing it always ends the stream. Frames are joined into lines per stream (stdout,
 * stderr), so a line split over frames arrives whole. Lines arrive on docker-java's
 * stream thread; the stream's end (the container stopped, or a failure) is reported once
 * to {@code onEnd} (null = ended normally), never after {@link #close()}.
 */
final class LogFollow implements ResultCallback<Frame>, ContainerRuntime.Subscription {

	private static final Logger log = LoggerFactory.getLogger(LogFollow.class);

	private final DockerClient client;

	private final Consumer<String> onLine;

	private final Consumer<Throwable> onEnd;

	private final DockerFailures failures;

	private final String description;

	private final CompletableFuture<Void> established = new CompletableFuture<>();

	private final Map<StreamType, ByteArrayOutputStream> partial = new EnumMap<>(StreamType.class);

	private Closeable stream;

	private boolean finished;

	LogFollow(DockerClient client, String description, Consumer<String> onLine, Consumer<Throwable> onEnd,
			DockerFailures failures) {
		this.client = client;
		this.description = description;
		this.onLine = onLine;
		this.onEnd = onEnd;
		this.failures = failures;
	}

	/** Waits until the daemon has answered; closes and throws if not within bound. */
	void awaitEstablished(Duration bound) {
		try {
			this.established.get(bound.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			close();
			throw this.failures.timeout("following the log (" + this.description + ")", bound);
		}
		catch (ExecutionException ex) {
			close();
			throw this.failures.translate("follow the log (" + this.description + ")", ex.getCause());
		}
		catch (InterruptedException ex) {
			close();
			Thread.currentThread().interrupt();
			throw new ContainerRuntimeException(Kind.OTHER, "Interrupted while following a log", ex);
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
	public void onNext(Frame frame) {
		synchronized (this) {
			if (this.finished) {
				return;
			}
		}
		// the daemon may send no headers to a TTY-less follow: the first frame also
		// says the stream is up
		this.established.complete(null);
		ByteArrayOutputStream buffer = this.partial.computeIfAbsent(frame.getStreamType(),
				(type) -> new ByteArrayOutputStream());
		for (byte b : frame.getPayload()) {
			if (b == '\n') {
				emit(buffer);
			}
			else {
				buffer.write(b);
			}
		}
	}

	@Override
	public void onError(Throwable failure) {
		this.established.completeExceptionally(failure);
		end(this.failures.translate("follow the log (" + this.description + ")", failure));
	}

	@Override
	public void onComplete() {
		this.established.complete(null);
		end(null);
	}

	private void end(Throwable failure) {
		synchronized (this) {
			if (this.finished) {
				return;
			}
			this.finished = true;
		}
		this.partial.values().stream().filter((buffer) -> buffer.size() > 0).forEach(this::emit);
		release();
		try {
			this.onEnd.accept(failure);
		}
		catch (RuntimeException ex) {
			log.warn("Log end listener failed ({})", this.description, ex);
		}
	}

	private void emit(ByteArrayOutputStream buffer) {
		String line = buffer.toString(StandardCharsets.UTF_8);
		buffer.reset();
		try {
			this.onLine.accept(line);
		}
		catch (RuntimeException ex) {
			log.warn("Log line listener failed ({})", this.description, ex);
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
			log.debug("Ignoring failure while closing a log stream", ex);
		}
	}

}
