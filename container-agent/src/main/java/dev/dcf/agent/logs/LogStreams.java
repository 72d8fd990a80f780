package dev.dcf.agent.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;

import dev.dcf.agent.concurrent.DaemonThreads;
import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.runtime.ContainerRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The containers this agent follows on request. {@link #request} only books the follow
 * and returns: the Docker call that opens it runs on a small pool of its own, lines
 * arrive on runtime threads, and a flush thread sends what each stream gathered every
 * {@code batch-interval}, ends streams whose lease ran out and forgets ended ones. So a
 * LOGS never holds up the instruction consumer, and no log work runs on the heartbeat's
 * thread. Thread-safe.
 */
public class LogStreams implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LogStreams.class);

	private final ContainerRuntime runtime;

	private final LogSink sink;

	private final LogProperties properties;

	private final Clock clock;

	private final Map<Key, LogStream> streams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService flusher;

	private final ExecutorService openers;

	private volatile boolean running;

	public LogStreams(ContainerRuntime runtime, LogSink sink, LogProperties properties, Clock clock) {
		this.runtime = runtime;
		this.sink = sink;
		this.properties = properties;
		this.clock = clock;
		this.flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("dcf-logs"));
		// opening waits for Docker (bounded by the call timeout): two at a time, the rest
		// queue behind them, never more than the streams allowed
		this.openers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(Math.max(1, properties.maxStreams())), DaemonThreads.named("dcf-logs-open-"));
	}

	/**
	 * Follows the container, or renews its lease if it is followed already. Beyond
	 * {@code max-streams} the request is answered with an ended batch saying so.
	 * @param request what a LOGS instruction asks for
	 */
	public void request(LogRequest request) {
		Key key = new Key(request.jobId(), request.index());
		Instant until = this.clock.instant().plus(this.properties.leaseOf(request));
		LogStream current = this.streams.get(key);
		if (current != null && current.runNumber() == request.runNumber() && !current.ended()) {
			current.renew(until);
			return;
		}
		if (current != null) {
			// an older run's follow, or one that ended and was not flushed yet
			current.end((current.runNumber() != request.runNumber()) ? "a newer run is followed" : "ended");
			flushEnded(key);
		}
		if (this.streams.size() >= this.properties.maxStreams()) {
			log.warn("Not following container {} of job {}: {} logs are followed already (dcf.agent.logs.max-streams)",
					request.index(), request.jobId(), this.streams.size());
			this.sink.send(new LogBatch(request.jobId(), request.runNumber(), request.index(), List.of(), 0, true,
					"the agent follows " + this.properties.maxStreams() + " logs already"));
			return;
		}
		int tail = Math.min(request.tail(), this.properties.maxTail());
		LogStream stream = new LogStream(request, new LineBounds(this.properties.linesPerSecond(),
				(int) this.properties.maxLineLength().toBytes(), tail, this.clock.millis()), until);
		this.streams.put(key, stream);
		try {
			this.openers
				.execute(() -> open(stream, ManagedLabels.containerName(request.jobId(), request.index()), tail));
		}
		catch (RejectedExecutionException ex) {
			stream.end("the agent is busy opening other logs");
		}
	}

	/** How many streams are open (for tests and the benchmark). */
	public int open() {
		return this.streams.size();
	}

	private void open(LogStream stream, String container, int tail) {
		try {
			stream.attach(this.runtime.followLogs(container, tail, (line) -> stream.line(line, this.clock.millis()),
					(failure) -> stream
						.end((failure != null) ? "the log broke: " + failure.getMessage() : "the container stopped")));
		}
		catch (RuntimeException ex) {
			log.debug("Could not follow {}: {}", container, ex.getMessage());
			stream.end("could not follow the container: " + ex.getMessage());
		}
	}

	/** Sends the end of a replaced stream before its successor takes its place. */
	private void flushEnded(Key key) {
		LogStream replaced = this.streams.remove(key);
		if (replaced != null) {
			replaced.drain().ifPresent(this::send);
			replaced.close();
		}
	}

	/** One flush: batches of every stream, leases checked, ended streams forgotten. */
	void flush() {
		Instant now = this.clock.instant();
		this.streams.forEach((key, stream) -> {
			if (stream.leaseEnded(now)) {
				stream.end("the lease ran out");
			}
			Optional<LogBatch> batch = stream.drain();
			batch.ifPresent(this::send);
			if (batch.isPresent() && batch.get().ended()) {
				this.streams.remove(key, stream);
				stream.close();
			}
		});
	}

	private void send(LogBatch batch) {
		try {
			this.sink.send(batch);
		}
		catch (RuntimeException ex) {
			log.debug("A log batch of job {} was not sent: {}", batch.jobId(), ex.getMessage());
		}
	}

	private void flushSafely() {
		try {
			flush();
		}
		catch (Throwable ex) {
			// a scheduled task that throws is never run again
			log.warn("Log flush failed, the next one follows", ex);
		}
	}

	@Override
	public void start() {
		long every = this.properties.batchInterval().toMillis();
		this.flusher.scheduleWithFixedDelay(this::flushSafely, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.flusher.shutdownNow();
		this.openers.shutdownNow();
		this.streams.values().forEach(LogStream::close);
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Key(String jobId, int index) {

	}

}
