package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ManagedContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out DELETE: stops (SIGTERM, then SIGKILL after the stop timeout) and removes
 * every container of the job up to the instruction's run. Idempotent: containers already
 * stopped or gone count as removed, so DELETE twice succeeds twice. A stale DELETE never
 * touches a newer run. Works whatever the agent's health, as long as Docker answers.
 * Callers hold the job's lock.
 */
final class ContainerRemover {

	private static final Logger log = LoggerFactory.getLogger(ContainerRemover.class);

	private final ContainerRuntime runtime;

	private final Duration stopTimeout;

	private final Clock clock;

	ContainerRemover(ContainerRuntime runtime, Duration stopTimeout, Clock clock) {
		this.runtime = runtime;
		this.stopTimeout = stopTimeout;
		this.clock = clock;
	}

	JobReport remove(Instruction instruction) {
		List<ManagedContainer> containers;
		try {
			containers = this.runtime.list(ManagedLabels.JOB_ID, instruction.jobId())
				.stream()
				.filter((container) -> ContainerReport.of(container).runNumber() <= instruction.runNumber())
				.sorted(Comparator.comparing(ManagedContainer::name))
				.toList();
		}
		catch (ContainerRuntimeException ex) {
			return failed(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
					"cannot list containers of the job: " + ex.getMessage(), List.of(), JobReport.Removal.REQUESTED);
		}
		return removeAll(instruction.jobId(), instruction.runNumber(), instruction.instructionId(), null, containers,
				JobReport.Removal.REQUESTED);
	}

	/**
	 * Stops and removes every container of a job that {@code agentId} started, whatever
	 * its run, and reports them under the newest run among them. For the agent's shutdown
	 * ({@code dcf.agent.remove-containers-on-shutdown}).
	 * @param jobId the job
	 * @param agentId only containers labelled with this agent
	 * @param reason why, for the report
	 * @return the report, or empty if the job has no such container (any more)
	 * @throws ContainerRuntimeException if Docker cannot list the containers
	 */
	Optional<JobReport> removeAllOf(String jobId, String agentId, String reason) {
		return removeAllOf(jobId, agentId, (container) -> true, reason, JobReport.Removal.AGENT_SHUTDOWN);
	}

	/**
	 * Stops and removes the containers of a job that {@code agentId} started and
	 * {@code which} selects, listed now, and reports them under the newest run among
	 * them.
	 * @param which selects the containers to remove
	 * @param reason why, for the report
	 * @param removal why, for the handler
	 * @return the report, or empty if no container of the job is selected (any more)
	 * @throws ContainerRuntimeException if Docker cannot list the containers
	 */
	Optional<JobReport> removeAllOf(String jobId, String agentId, Predicate<ManagedContainer> which, String reason,
			JobReport.Removal removal) {
		List<ManagedContainer> containers = this.runtime.list(ManagedLabels.JOB_ID, jobId)
			.stream()
			.filter((container) -> agentId.equals(container.labels().get(ManagedLabels.AGENT_ID)))
			.filter(which)
			.sorted(Comparator.comparing(ManagedContainer::name))
			.toList();
		if (containers.isEmpty()) {
			return Optional.empty();
		}
		int newestRun = containers.stream()
			.mapToInt((container) -> ContainerReport.of(container).runNumber())
			.max()
			.getAsInt();
		return Optional.of(removeAll(jobId, newestRun, null, reason, containers, removal));
	}

	private JobReport removeAll(String jobId, int runNumber, String instructionId, String reason,
			List<ManagedContainer> containers, JobReport.Removal removal) {
		List<ContainerReport> removed = new ArrayList<>();
		List<ContainerReport> left = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (ManagedContainer container : containers) {
			try {
				this.runtime.stop(container.id(), this.stopTimeout);
				// after the stop, to report the exit code it ended with
				ManagedContainer stopped = this.runtime.inspect(container.id()).orElse(container);
				this.runtime.remove(container.id());
				removed.add(ContainerReport.of(stopped).removed());
			}
			catch (ContainerRuntimeException ex) {
				failures.add(container.name() + ": " + ex.getMessage());
				left.add(ContainerReport.of(container));
			}
		}
		if (!failures.isEmpty()) {
			List<ContainerReport> all = new ArrayList<>(removed);
			all.addAll(left);
			return failed(jobId, runNumber, instructionId, "could not remove " + failures.size() + " of "
					+ containers.size() + " containers: " + String.join("; ", failures), all, removal);
		}
		log.info("Job {} run {}: removed {} containers", jobId, runNumber, removed.size());
		return new JobReport(jobId, runNumber, instructionId, JobReport.Kind.REMOVED, null, reason, removed,
				this.clock.instant(), removal);
	}

	private JobReport failed(String jobId, int runNumber, String instructionId, String reason,
			List<ContainerReport> containers, JobReport.Removal removal) {
		log.warn("Removing the containers of job {} run {} failed: {}", jobId, runNumber, reason);
		return new JobReport(jobId, runNumber, instructionId, JobReport.Kind.REMOVE_FAILED, null, reason, containers,
				this.clock.instant(), removal);
	}

}
