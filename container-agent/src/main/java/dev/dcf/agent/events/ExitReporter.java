package dev.dcf.agent.events;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.ActiveContainers;
import dev.dcf.agent.instruction.JobLocks;
import dev.dcf.agent.instruction.Restarts;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports each container exit once, as CONTAINER_EXITED with the exit code and the end of
 * the container's output ({@link ExitTail}).
 *
 * <p>
 * Exits are reported under the job's lock and after a fresh inspect: a container the
 * agent removed itself (DELETE, a failed CREATE) is gone by then and is not reported (its
 * instruction's answer covers it); a container that is running again is not reported
 * either. Each exit (container id + finish time) is reported at most once per agent
 * process; a restarted agent reports the exits it finds once more, so none that happened
 * while it was down is missed. Thread-safe.
 */
public class ExitReporter {

	private static final Logger log = LoggerFactory.getLogger(ExitReporter.class);

	private final ContainerRuntime runtime;

	private final Reporter reporter;

	private final JobLocks locks;

	private final Clock clock;

	private final Restarts restarts;

	private final ExitTail tail;

	private static final Duration DEFAULT_LOG_TIMEOUT = Duration.ofSeconds(10);

	/** container id -> the exit already reported. */
	private final Map<String, String> reported = new ConcurrentHashMap<>();

	/**
	 * Without restarts (tests), reading the output for at most 10 s.
	 */
	public ExitReporter(ContainerRuntime runtime, Reporter reporter, JobLocks locks, Clock clock) {
		this(runtime, reporter, locks, clock, DEFAULT_LOG_TIMEOUT, null);
	}

	/**
	 * @param restarts decides which exits are restarted (reported CONTAINER_RESTARTED
	 * instead of CONTAINER_EXITED); null = none
	 */
	public ExitReporter(ContainerRuntime runtime, Reporter reporter, JobLocks locks, Clock clock, Restarts restarts) {
		this(runtime, reporter, locks, clock, DEFAULT_LOG_TIMEOUT, restarts);
	}

	/**
	 * @param logTimeout how long reading an exited container's last lines may take
	 */
	public ExitReporter(ContainerRuntime runtime, Reporter reporter, JobLocks locks, Clock clock, Duration logTimeout) {
		this(runtime, reporter, locks, clock, logTimeout, null);
	}

	/**
	 * @param logTimeout how long reading an exited container's last lines may take
	 * @param restarts decides which exits are restarted (reported CONTAINER_RESTARTED
	 * instead of CONTAINER_EXITED); null = none
	 */
	public ExitReporter(ContainerRuntime runtime, Reporter reporter, JobLocks locks, Clock clock, Duration logTimeout,
			Restarts restarts) {
		this.restarts = restarts;
		this.runtime = runtime;
		this.reporter = reporter;
		this.locks = locks;
		this.clock = clock;
		this.tail = new ExitTail(runtime, logTimeout);
	}

	/**
	 * Reports the exit of one container if it has exited and was not reported yet.
	 * @param containerId the container
	 * @param jobId its job, if known (else read from the container)
	 * @throws dev.dcf.agent.runtime.ContainerRuntimeException if Docker does not answer
	 * @throws dev.dcf.agent.report.ReportNotDeliveredException if the report was not
	 * delivered (retry later)
	 */
	public void reportExit(String containerId, String jobId) {
		String job = jobId;
		if (job == null) {
			Optional<ManagedContainer> container = this.runtime.inspect(containerId);
			if (container.isEmpty()) {
				return;
			}
			job = container.get().labels().getOrDefault(ManagedLabels.JOB_ID, "");
		}
		this.locks.withLock(job, () -> this.runtime.inspect(containerId).ifPresent(this::reportIfExited));
	}

	/**
	 * Reports every exited container of the list not reported yet and forgets containers
	 * that are no longer there. Used at start and after the event stream was broken.
	 */
	public void sweep(List<ManagedContainer> containers) {
		Set<String> present = containers.stream().map(ManagedContainer::id).collect(Collectors.toSet());
		this.reported.keySet().retainAll(present);
		for (ManagedContainer container : containers) {
			if (!ActiveContainers.isActive(container) && !alreadyReported(container)) {
				reportExit(container.id(), container.labels().get(ManagedLabels.JOB_ID));
			}
		}
	}

	/** The container is gone for good: nothing more to remember about it. */
	void forget(String containerId) {
		this.reported.remove(containerId);
	}

	private void reportIfExited(ManagedContainer container) {
		if (ActiveContainers.isActive(container) || alreadyReported(container)
				|| ManagedLabels.isDryRun(container.labels())) {
			// a dry run's exit is part of its DRY_RUN_DONE; as a job's exit the handler
			// would know no job for it and have the container removed before its output
			// was read
			return;
		}
		ContainerReport report = ContainerReport.of(container);
		String reason = "container " + container.name() + " exited with code " + container.exitCode()
				+ (container.oomKilled() ? " (killed: out of memory)" : "");
		Optional<JobReport.Restart> restart = (this.restarts != null) ? this.restarts.onExit(container)
				: Optional.empty();
		if (restart.isPresent()) {
			JobReport.Restart r = restart.get();
			this.reporter.send(new JobReport(report.jobId(), report.runNumber(), null,
					JobReport.Kind.CONTAINER_RESTARTED, null,
					reason + "; restart " + r.attempt() + " of " + r.attempts() + " in " + r.delay().toMillis() + " ms",
					List.of(report), this.clock.instant(), null, null, r));
			this.reported.put(container.id(), exitKey(container));
			return;
		}
		log.info("Job {} run {}: {}", report.jobId(), report.runNumber(), reason);
		// read under the job's lock: no DELETE can remove the container before
		String output = this.tail.read(container.id());
		this.reporter.send(new JobReport(report.jobId(), report.runNumber(), null, JobReport.Kind.CONTAINER_EXITED,
				null, reason, List.of(report), this.clock.instant(), null, output));
		this.reported.put(container.id(), exitKey(container));
	}

	private boolean alreadyReported(ManagedContainer container) {
		return exitKey(container).equals(this.reported.get(container.id()));
	}

	private static String exitKey(ManagedContainer container) {
		return container.finishedAt() + "/" + container.exitCode();
	}

}
