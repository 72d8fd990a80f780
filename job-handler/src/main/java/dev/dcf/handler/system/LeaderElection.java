package dev.dcf.handler.system;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Elects the leader among the handlers of one database through a {@link LeaderLock}:
 * every {@link #INTERVAL} a follower tries to take the lock and the leader checks that it
 * still holds it; a leader that cannot tell (its session broke, the database does not
 * answer) stops leading at once, since another handler may take the lock meanwhile. On
 * PostgreSQL the lock is an advisory lock ({@link PostgresLeaderLock}); on any other
 * database (H2, the default, holds one handler) this handler leads from the start.
 * Started before the loops (the first try is made in {@link #start()}, so a handler that
 * is alone leads before their first round) and stopped after them, releasing the lock so
 * that another handler takes over at once.
 */
@Component
class LeaderElection implements Leadership, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

	static final Duration INTERVAL = Duration.ofSeconds(1);

	private final Supplier<LeaderLock> lockFactory;

	private final Clock clock;

	private final Duration interval;

	private final List<Runnable> onLeading = new CopyOnWriteArrayList<>();

	private final AtomicLong term = new AtomicLong();

	private LeaderLock lock;

	private volatile boolean leader;

	private volatile Instant leaderSince;

	private volatile String lastProblem;

	private ScheduledExecutorService executor;

	@Autowired
	LeaderElection(DataSource dataSource, Clock clock) {
		this(() -> lockFor(dataSource), clock, INTERVAL);
	}

	LeaderElection(Supplier<LeaderLock> lockFactory, Clock clock, Duration interval) {
		this.lockFactory = lockFactory;
		this.clock = clock;
		this.interval = interval;
	}

	private static LeaderLock lockFor(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				return new PostgresLeaderLock(dataSource,
						"dcf-handler " + ManagementFactory.getRuntimeMXBean().getName());
			}
			return LeaderLock.ALONE;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database the handler runs on: " + ex.getMessage(), ex);
		}
	}

	@Override
	public boolean isLeader() {
		return this.leader;
	}

	@Override
	public long term() {
		return this.term.get();
	}

	@Override
	public void whenLeading(Runnable action) {
		this.onLeading.add(action);
	}

	/**
	 * @return since when this handler leads, {@code null} while it does not
	 */
	Instant leaderSince() {
		return this.leaderSince;
	}

	/**
	 * @return who leads as the lock tells, {@code null} if unknown
	 */
	String leaderName() {
		LeaderLock current = this.lock;
		return (current != null) ? current.holder() : null;
	}

	/**
	 * @return why the last try failed, {@code null} if it did not
	 */
	String lastProblem() {
		return this.lastProblem;
	}

	/**
	 * One round: a follower tries to take the lock, the leader checks it still holds it.
	 */
	synchronized void tick() {
		if (this.lock == null) {
			return;
		}
		try {
			if (this.leader) {
				if (!this.lock.held()) {
					follow("its hold on the leader lock is gone (its database session broke)");
				}
			}
			else if (this.lock.tryAcquire()) {
				lead();
			}
			this.lastProblem = null;
		}
		catch (RuntimeException ex) {
			String problem = String.valueOf(ex.getMessage());
			if (!problem.equals(this.lastProblem)) {
				log.warn("Leader election: {}", problem);
			}
			this.lastProblem = problem;
			if (this.leader) {
				follow(problem);
			}
		}
	}

	private void lead() {
		this.leaderSince = this.clock.instant();
		this.term.incrementAndGet();
		this.leader = true;
		log.info("This handler leads now (term {}): it runs placement, the outbox relay, liveness, draining, "
				+ "trigger repair and what throughput sampling writes", this.term.get());
		for (Runnable action : this.onLeading) {
			try {
				action.run();
			}
			catch (RuntimeException ex) {
				log.warn("A leadership callback failed: {}", ex.toString(), ex);
			}
		}
	}

	private void follow(String reason) {
		this.leader = false;
		this.leaderSince = null;
		this.lock.release();
		log.warn("This handler no longer leads: {}", reason);
	}

	@Override
	public synchronized void start() {
		if (this.executor != null) {
			return;
		}
		this.lock = this.lockFactory.get();
		tick();
		if (!this.leader) {
			log.info("Another handler leads ({}); this one serves GUI and API and takes over if the leader goes",
					leaderName());
		}
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, "dcf-leader-election");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.scheduleWithFixedDelay(this::tickSafely, this.interval.toMillis(), this.interval.toMillis(),
				TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (Throwable ex) {
			// the executor would swallow it and never run again
			log.error("Leader election round failed: {}", ex.toString(), ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.executor == null) {
			return;
		}
		this.executor.shutdownNow();
		this.executor = null;
		boolean wasLeader = this.leader;
		this.leader = false;
		this.leaderSince = null;
		this.lock.release();
		if (wasLeader) {
			log.info("This handler stopped leading: it is shutting down");
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/** Before the loops (default phase) start, after they stop. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1000;
	}

}
