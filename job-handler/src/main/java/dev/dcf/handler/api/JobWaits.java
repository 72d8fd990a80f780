package dev.dcf.handler.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.JobStateChanged;

/**
 * Requests waiting for a job to reach a state ({@code GET /api/jobs/{id}?waitFor=}): each
 * is answered after the commit of the change that got it there, after one that ended the
 * run in another state (COMPLETED or FAILED: waiting longer could not help), or at its
 * timeout, always with the job as it is then. Nothing is polled: the job's own state
 * changes wake the waiters.
 */
@Component
class JobWaits implements MeterBinder {

	private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

	/**
	 * Answers once the job is in {@code wanted} or can no longer get there without a new
	 * run.
	 * @param jobId the job
	 * @param wanted the state to wait for
	 * @param timeout the longest wait
	 * @param current reads the job's state now
	 * @param view reads the job's view now (the answer)
	 * @return the pending answer
	 */
	DeferredResult<JobView> await(String jobId, JobState wanted, Duration timeout, Supplier<JobState> current,
			Supplier<JobView> view) {
		DeferredResult<JobView> result = new DeferredResult<>(timeout.toMillis());
		Waiter waiter = new Waiter(wanted, result, view);
		Set<Waiter> forJob = this.waiters.computeIfAbsent(jobId, (id) -> ConcurrentHashMap.newKeySet());
		forJob.add(waiter);
		Runnable remove = () -> this.waiters.computeIfPresent(jobId, (id, set) -> {
			set.remove(waiter);
			return set.isEmpty() ? null : set;
		});
		result.onCompletion(remove);
		result.onTimeout(() -> result.setResult(view.get()));
		result.onError((ex) -> remove.run());
		// registered first, read second: a change committing in between is seen by one of
		// the two
		waiter.offer(current.get());
		return result;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(JobStateChanged changed) {
		Set<Waiter> forJob = this.waiters.get(changed.jobId());
		if (forJob != null) {
			forJob.forEach((waiter) -> waiter.offer(changed.to()));
		}
	}

	/** How many requests wait now. */
	int waiting() {
		return this.waiters.values().stream().mapToInt(Set::size).sum();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("dcf.api.waiting.requests", this, JobWaits::waiting)
			.description("Requests waiting for a job's state (GET /api/jobs/{id}?waitFor=)")
			.register(registry);
	}

	private record Waiter(JobState wanted, DeferredResult<JobView> result, Supplier<JobView> view) {

		void offer(JobState state) {
			if (!this.result.isSetOrExpired() && (state == this.wanted || passed(state))) {
				this.result.setResult(this.view.get());
			}
		}

		/**
		 * The run ended (COMPLETED or FAILED) in another state than wanted: only a new
		 * start could get there now. LOST is no end: its agent may come back, or the run
		 * be replaced.
		 */
		private boolean passed(JobState state) {
			return (state == JobState.COMPLETED || state == JobState.FAILED) && state != this.wanted;
		}

	}

}
