package dev.dcf.agent.runtime.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;

/**
 * Follows one pull's progress stream. Unlike docker-java's
 * {@code PullImageResultCallback} it does not log failures or guess success from status
 * texts: it records the first error (HTTP or in-stream) and whether the stream ended, and
 * the runtime decides by looking for the image afterwards.
 */
final class PullProgress implements ResultCallback<PullResponseItem> {

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile Closeable stream;

	private volatile Throwable failure;

	private volatile String streamError;

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
