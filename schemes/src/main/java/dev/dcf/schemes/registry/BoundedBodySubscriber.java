package dev.dcf.schemes.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a size limit, so that a misbehaving server cannot make
 * the client buffer an unbounded answer. Beyond the limit the subscription is cancelled
 * and the body completes with an {@link IOException}.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private final int limit;

	private Flow.Subscription subscription;

	BoundedBodySubscriber(int limit) {
		this.limit = limit;
	}

	static HttpResponse.BodyHandler<byte[]> handler(int limit) {
		return (responseInfo) -> new BoundedBodySubscriber(limit);
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer item : items) {
			if (item.remaining() > this.limit - this.buffer.size()) {
				this.subscription.cancel();
				this.body.completeExceptionally(new IOException("response body exceeds " + this.limit + " bytes"));
				return;
			}
			byte[] chunk = new byte[item.remaining()];
			item.get(chunk);
			this.buffer.writeBytes(chunk);
		}
	}

	@Override
	public void onError(Throwable throwable) {
		this.body.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.body.complete(this.buffer.toByteArray());
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.body;
	}

}
