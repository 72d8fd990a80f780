package dev.dcf.agent.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Backs off while a record keeps failing for one {@link InstructionFailure kind} of
 * reason, and stops (so the record is recovered, i.e. dead-lettered) as soon as it fails
 * for another.
 *
 * <p>
 * Needed because spring-kafka chooses a record's backoff at its first failure and keeps
 * it as long as the failures have the same exception type. A record first failing because
 * the registry was away, then because the registry answered "unknown schema id", fails
 * both times with a {@code DeserializationException}: with a plain unbounded backoff it
 * would be retried forever instead of going to the dead-letter topic. Registered as a
 * {@link RetryListener}, this sees each failure before the next interval is asked for.
 *
 * <p>
 * Thread-safe: the last failure is kept per thread; the error handler calls the listener
 * and then the backoff on the consumer thread that saw the failure.
 */
final class BackOffWhile implements BackOff, RetryListener {

	private final InstructionFailure kind;

	private final BackOff backOff;

	private final ThreadLocal<Exception> lastFailure = new ThreadLocal<>();

	/**
	 * @param kind failures that keep the backoff going
	 * @param backOff the intervals while they do
	 */
	BackOffWhile(InstructionFailure kind, BackOff backOff) {
		this.kind = kind;
		this.backOff = backOff;
	}

	@Override
	public BackOffExecution start() {
		BackOffExecution execution = this.backOff.start();
		return () -> {
			Exception last = this.lastFailure.get();
			if (last != null && InstructionFailure.of(last) != this.kind) {
				return BackOffExecution.STOP;
			}
			return execution.nextBackOff();
		};
	}

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.lastFailure.set(ex);
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
		this.lastFailure.remove();
	}

	@Override
	public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
		this.lastFailure.remove();
	}

	@Override
	public String toString() {
		return "BackOffWhile[" + this.kind + ", " + this.backOff + "]";
	}

}
