package dev.dcf.agent.runtime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem.ProgressDetail;

import dev.dcf.agent.runtime.PullBytes;

/**
 * Follows one pull's progress stream. Unlike docker-java's
 * {@code PullImageResultCallback} it does not log failures or guess success from status
 * texts: it records the first error (HTTP or in-stream) and whether the stream ended, and
 * the runtime decides by looking for the image afterwards. Along the way it sums the
 * layers' download progress and hands it to a listener.
 */
final class PullProgress implements ResultCallback<PullResponseItem> {

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile Closeable stream;

	private volatile Throwable failure;

	private volatile String streamError;

	/** Per layer id: bytes downloaded and the layer's size (-1 while unknown). */
	private final Map<String, long[]> layers = new ConcurrentHashMap<>();

	private final Consumer<PullBytes> listener;

	PullProgress() {
		this((bytes) -> {
		});
	}

	PullProgress(Consumer<PullBytes> listener) {
		this.listener = listener;
	}

	@Override
	public void onStart(Closeable stream) {
		this.stream = stream;
	}

	@Override
	public void onNext(PullResponseItem item) {
		if (item.isErrorIndicated() && this.streamError == null) {
			this.streamError = (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null)
					? item.getErrorDetail().getMessage() : "the daemon reported an error without a message";
		}
		if (track(item)) {
			try {
				this.listener.accept(bytes());
			}
			catch (RuntimeException ex) {
				// a listener's trouble is not the pull's
			}
		}
	}

	/** Takes a layer's progress from the item; whether anything changed. */
	private boolean track(PullResponseItem item) {
		String layer = item.getId();
		String status = item.getStatus();
		if (layer == null || status == null) {
			return false;
		}
		ProgressDetail detail = item.getProgressDetail();
		long[] known = this.layers.computeIfAbsent(layer, (id) -> new long[] { 0, -1 });
		switch (status) {
			case "Downloading" -> {
				if (detail == null || detail.getCurrent() == null) {
					return false;
				}
				known[0] = detail.getCurrent();
				if (detail.getTotal() != null && detail.getTotal() > 0) {
					known[1] = detail.getTotal();
				}
				return true;
			}
			case "Download complete", "Pull complete", "Already exists" -> {
				if (known[1] > 0) {
					known[0] = known[1];
				}
				return true;
			}
			default -> {
				return false;
			}
		}
	}

	/** The bytes downloaded so far and the size of the layers whose size is known. */
	PullBytes bytes() {
		long done = 0;
		long total = 0;
		for (long[] layer : this.layers.values()) {
			if (layer[1] > 0) {
				done += Math.min(layer[0], layer[1]);
				total += layer[1];
			}
		}
		return new PullBytes(done, total);
	}

	@Override
	public void onError(Throwable throwable) {
		if (this.failure == null) {
			this.failure = throwable;
		}
		this.done.countDown();
	}

	@Override
	public void onComplete() {
		this.done.countDown();
	}

	/** Whether the pull ended (successfully or not) within {@code bound}. */
	boolean await(Duration bound) throws InterruptedException {
		return this.done.await(bound.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The HTTP or transport failure, if any. */
	Throwable failure() {
		return this.failure;
	}

	/** The error the daemon reported inside the progress stream, if any. */
	String streamError() {
		return this.streamError;
	}

	@Override
	public void close() throws IOException {
		Closeable current = this.stream;
		if (current != null) {
			current.close();
		}
		this.done.countDown();
	}

}
