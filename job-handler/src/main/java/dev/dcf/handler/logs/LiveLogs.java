package dev.dcf.handler.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Who watches which container's live output, and the fan-out to them (docs/design.md,
 * "Container logs"). The first viewer of a container asks its agent to follow it; while
 * anyone watches, the lease is renewed every {@code renew-interval}; when the last one
 * leaves, renewals stop and the agent ends the follow by itself when the lease runs out.
 * Batches from the agents are handed to the viewers on one fan-out thread (in order,
 * never on the Kafka consumer's thread, so a slow client cannot stall the listener); a
 * queue that overflows drops batches and counts them. A viewer who joins a followed
 * container gets the newest {@code replay-lines} first. Thread-safe.
 */
@Component
public class LiveLogs implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LiveLogs.class);

	private static final int FAN_OUT_QUEUE = 10_000;

	private final JobService jobs;

	private final LogFollowRequests requests;

	private final LiveLogProperties properties;

	private final Map<Key, Followed> followed = new ConcurrentHashMap<>();

	private final AtomicInteger viewers = new AtomicInteger();

	private final AtomicLong overflows = new AtomicLong();

	private final ExecutorService fanOut;

	private final ScheduledExecutorService renewals;

	private volatile boolean running;

	LiveLogs(JobService jobs, LogFollowRequests requests, LiveLogProperties properties) {
		this.jobs = jobs;
		this.requests = requests;
		this.properties = properties;
		this.fanOut = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(FAN_OUT_QUEUE),
				(task) -> daemon(task, "dcf-live-logs"));
		this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "dcf-live-logs-renew"));
	}

	/**
	 * Starts watching container {@code index} of the job's current run. A job that does
	 * not run (or a container it does not have) ends the viewer at once, saying why.
	 * @param jobId the job
	 * @param index the container index
	 * @param tail past lines to start with
	 * @param viewer who watches
	 * @return closes the watch (idempotent)
	 * @throws dev.dcf.handler.job.JobNotFoundException if there is no such job
	 * @throws TooManyViewersException beyond {@code max-viewers}
	 */
	public Watch watch(String jobId, int index, int tail, LogViewer viewer) {
		Job job = this.jobs.get(jobId);
		String notFollowable = notFollowable(job, index);
		if (notFollowable != null) {
			viewer.end(notFollowable);
			return () -> {
			};
		}
		if (this.viewers.incrementAndGet() > this.properties.maxViewers()) {
			this.viewers.decrementAndGet();
			throw new TooManyViewersException(this.properties.maxViewers());
		}
		Key key = new Key(jobId, index);
		String agentId = job.getAgentId();
		int run = job.getRunNumber();
		Followed[] replaced = new Followed[1];
		Followed target = this.followed.compute(key, (k, current) -> {
			Followed f = current;
			if (f == null || f.runNumber != run || !f.agentId.equals(agentId)) {
				replaced[0] = current;
				f = new Followed(agentId, run, this.properties.replayLines());
			}
			f.watchers++;
			return f;
		});
		if (replaced[0] != null) {
			Followed old = replaced[0];
			deliver(() -> old.end("a newer run of the job is followed"));
		}
		boolean first = target.requested.compareAndSet(false, true);
		deliver(() -> target.join(viewer, tail));
		if (first) {
			request(key, target, tail);
		}
		AtomicInteger closed = new AtomicInteger();
		return () -> {
			if (closed.getAndIncrement() == 0) {
				leave(key, target, viewer);
			}
		};
	}

	/** Hands a batch from an agent to the container's viewers, if anyone watches. */
	public void accept(LiveLogLines batch) {
		Key key = new Key(batch.jobId(), batch.index());
		Followed target = this.followed.get(key);
		if (target == null || target.runNumber != batch.runNumber()) {
			return;
		}
		if (batch.ended()) {
			this.followed.remove(key, target);
		}
		deliver(() -> target.deliver(batch));
	}

	/** Viewers connected now. */
	public int viewers() {
		return this.viewers.get();
	}

	/** Batches dropped because the fan-out queue was full. */
	public long overflows() {
		return this.overflows.get();
	}

	private void leave(Key key, Followed target, LogViewer viewer) {
		this.viewers.decrementAndGet();
		target.viewers.remove(viewer);
		this.followed.computeIfPresent(key, (k, f) -> {
			if (f != target) {
				return f;
			}
			f.watchers--;
			return (f.watchers <= 0) ? null : f;
		});
	}

	private static String notFollowable(Job job, int index) {
		if (index >= job.getContainers()) {
			return "the job has no container " + index + " (it runs " + job.getContainers() + ")";
		}
		if (job.getState() != JobState.RUNNING || job.getAgentId() == null) {
			return "the job is not running (" + job.getState() + "): no live output";
		}
		return null;
	}

	private void request(Key key, Followed target, int tail) {
		try {
			this.requests.request(target.agentId, key.jobId, target.runNumber, key.index, tail,
					this.properties.lease());
		}
		catch (RuntimeException ex) {
			log.warn("Could not ask agent {} for the output of container {} of job {}: {}", target.agentId, key.index,
					key.jobId, ex.getMessage());
		}
	}

	void renew() {
		this.followed.forEach((key, target) -> request(key, target, 0));
	}

	private void renewSafely() {
		try {
			renew();
		}
		catch (Throwable ex) {
			// a scheduled task that throws is never run again
			log.warn("Renewing log follows failed, the next round follows", ex);
		}
	}

	private void deliver(Runnable task) {
		try {
			this.fanOut.execute(task);
		}
		catch (RejectedExecutionException ex) {
			this.overflows.incrementAndGet();
		}
	}

	@Override
	public void start() {
		long every = this.properties.renewInterval().toMillis();
		this.renewals.scheduleWithFixedDelay(this::renewSafely, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.renewals.shutdownNow();
		this.followed.values().forEach((f) -> deliver(() -> f.end("the handler is shutting down")));
		this.followed.clear();
		this.fanOut.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/** Stops watching. */
	@FunctionalInterface
	public interface Watch extends AutoCloseable {

		@Override
		void close();

	}

	private record Key(String jobId, int index) {

	}

	/**
	 * One followed container. {@code watchers} changes only inside the map's compute for
	 * its key; the replay lines and the viewers' calls only on the fan-out thread.
	 */
	private static final class Followed {

		final String agentId;

		final int runNumber;

		final int replayLines;

		final AtomicBoolean requested = new AtomicBoolean();

		final List<LogViewer> viewers = new CopyOnWriteArrayList<>();

		final Deque<String> recent = new ArrayDeque<>();

		int watchers;

		boolean ended;

		String endReason;

		Followed(String agentId, int runNumber, int replayLines) {
			this.agentId = agentId;
			this.runNumber = runNumber;
			this.replayLines = replayLines;
		}

		void join(LogViewer viewer, int tail) {
			if (this.ended) {
				call(viewer, () -> viewer.end(this.endReason));
				return;
			}
			if (tail > 0 && !this.recent.isEmpty()) {
				List<String> replay = new ArrayList<>(this.recent);
				List<String> last = replay.subList(Math.max(0, replay.size() - tail), replay.size());
				if (!call(viewer, () -> viewer.lines(last))) {
					return;
				}
			}
			this.viewers.add(viewer);
		}

		void deliver(LiveLogLines batch) {
			for (String line : batch.lines()) {
				this.recent.addLast(line);
				if (this.recent.size() > this.replayLines) {
					this.recent.removeFirst();
				}
			}
			for (LogViewer viewer : this.viewers) {
				boolean alive = batch.lines().isEmpty() || call(viewer, () -> viewer.lines(batch.lines()));
				if (alive && batch.dropped() > 0) {
					call(viewer, () -> viewer.dropped(batch.dropped()));
				}
			}
			if (batch.ended()) {
				end((batch.endReason() != null) ? batch.endReason() : "the follow ended");
			}
		}

		void end(String reason) {
			this.ended = true;
			this.endReason = reason;
			for (LogViewer viewer : this.viewers) {
				call(viewer, () -> viewer.end(reason));
			}
			this.viewers.clear();
		}

		/** A viewer that fails is dropped (its stream is gone). */
		private boolean call(LogViewer viewer, Runnable call) {
			try {
				call.run();
				return true;
			}
			catch (RuntimeException ex) {
				this.viewers.remove(viewer);
				return false;
			}
		}

	}

}
