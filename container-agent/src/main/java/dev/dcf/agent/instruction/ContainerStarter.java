package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.health.HealthSnapshot;
import dev.dcf.agent.report.ContainerReport;
import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.StartFailure;
import dev.dcf.agent.runtime.ContainerRuntime;
import dev.dcf.agent.runtime.ContainerRuntimeException;
import dev.dcf.agent.runtime.ManagedContainer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out CREATE: checks, pulls, then starts all containers of the instruction or
 * none.
 *
 * <p>
 * Idempotent: containers have deterministic names and the runtime returns an existing
 * container instead of creating a second one, so a redelivered CREATE reports the
 * containers it already started (never restarting one that has exited). Containers of the
 * same job from an older run, or started by another agent on this daemon, are replaced;
 * containers of a newer run make the instruction stale and it is refused. Callers hold
 * the job's lock; CREATEs of different jobs may run at once ({@link Reservations} keeps
 * their capacity checks apart).
 */
final class ContainerStarter {

	private static final Logger log = LoggerFactory.getLogger(ContainerStarter.class);

	/** Containers being replaced get little grace: their job was already started anew. */
	private static final Duration REPLACE_STOP_TIMEOUT = Duration.ofSeconds(2);

	private final ContainerRuntime runtime;

	private final HealthMonitor health;

	private final ImageAllowList allowList;

	private final ImagePuller puller;

	private final ContainerSpecs specs;

	private final String agentId;

	private final int maxContainers;

	private final Reservations reservations;

	private final Clock clock;

	private final Duration healthMaxAge;

	private final Duration deadlineGrace;

	ContainerStarter(ContainerRuntime runtime, HealthMonitor health, ImageAllowList allowList, ImagePuller puller,
			ContainerSpecs specs, String agentId, int maxContainers, Clock clock, Duration healthMaxAge) {
		this(runtime, health, allowList, puller, specs, agentId, maxContainers, clock, healthMaxAge, Duration.ZERO);
	}

	/**
	 * @param healthMaxAge a healthy result this recent (the heartbeat's) is trusted
	 * instead of checking again; unhealthy ones are always checked again
	 * @param deadlineGrace added to the job's duration for the containers' deadline, so
	 * that the handler's own stop normally comes first
	 */
	ContainerStarter(ContainerRuntime runtime, HealthMonitor health, ImageAllowList allowList, ImagePuller puller,
			ContainerSpecs specs, String agentId, int maxContainers, Clock clock, Duration healthMaxAge,
			Duration deadlineGrace) {
		this.runtime = runtime;
		this.health = health;
		this.allowList = allowList;
		this.puller = puller;
		this.specs = specs;
		this.agentId = agentId;
		this.maxContainers = maxContainers;
		this.reservations = new Reservations(maxContainers);
		this.clock = clock;
		this.healthMaxAge = healthMaxAge;
		this.deadlineGrace = deadlineGrace;
	}

	JobReport start(Instruction instruction) {
		Optional<String> problem = ContainerSpecs.problems(instruction);
		if (problem.isPresent()) {
			return failed(instruction, StartFailure.INVALID_INSTRUCTION, "invalid instruction: " + problem.get());
		}
		HealthSnapshot snapshot = this.health.recentOrEvaluate(this.healthMaxAge);
		if (!snapshot.healthy()) {
			return failed(instruction, StartFailure.AGENT_UNHEALTHY,
					"agent " + this.agentId + " is unhealthy: " + snapshot.failureSummary());
		}
		if (!this.allowList.permits(instruction.image())) {
			return failed(instruction, StartFailure.IMAGE_NOT_ALLOWED,
					"image '" + instruction.image() + "' is not allowed on agent " + this.agentId + " (allowed: "
							+ String.join(", ", this.allowList.globs()) + ")");
		}
		Instant deadline;
		try {
			List<ManagedContainer> ofJob = this.runtime.list(ManagedLabels.JOB_ID, instruction.jobId());
			Optional<JobReport> refusal = clearTheWay(instruction, ofJob);
			if (refusal.isPresent()) {
				return refusal.get();
			}
			deadline = deadline(instruction, ofJob);
		}
		catch (ContainerRuntimeException ex) {
			this.reservations.release(instruction.jobId());
			return failed(instruction, StartFailure.RUNTIME_ERROR,
					"cannot list containers of the job: " + ex.getMessage());
		}
		try {
			return pullAndStart(instruction, deadline);
		}
		finally {
			// started (now counted by the listing) or failed (removed)
			this.reservations.release(instruction.jobId());
		}
	}

	private JobReport pullAndStart(Instruction instruction, Instant deadline) {
		try {
			this.puller.prepare(instruction);
		}
		catch (ContainerRuntimeException ex) {
			return failed(instruction, StartFailure.IMAGE_UNAVAILABLE,
					"cannot pull image '" + instruction.image() + "': " + ex.getMessage());
		}
		return startAll(instruction, deadline);
	}

	/**
	 * When the run's containers are removed by the agent itself: the run starts when the
	 * agent starts its first container, so a CREATE delivered again (after a crash half
	 * way) keeps the deadline the containers already carry.
	 * @param ofJob the job's containers on this daemon (those of this run and agent are
	 * kept by {@link #clearTheWay})
	 * @return null if the job has no duration
	 */
	private Instant deadline(Instruction instruction, List<ManagedContainer> ofJob) {
		if (instruction.duration() == null) {
			return null;
		}
		return ofJob.stream()
			.filter((container) -> this.agentId.equals(container.labels().get(ManagedLabels.AGENT_ID)))
			.filter((container) -> ContainerReport.of(container).runNumber() == instruction.runNumber())
			.map(ContainerReport::deadlineOf)
			.flatMap(Optional::stream)
			.min(Comparator.naturalOrder())
			// millis: what the wire carries, so the label and the reports say the same
			.orElseGet(() -> this.clock.instant()
				.plus(instruction.duration())
				.plus(this.deadlineGrace)
				.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Removes what is in the way (older runs, other agents' copies) and checks capacity.
	 * @param ofJob the job's containers on this daemon, listed once for this and
	 * {@link #deadline}
	 * @return the refusal, if the instruction must be refused
	 */
	private Optional<JobReport> clearTheWay(Instruction instruction, List<ManagedContainer> ofJob) {
		for (ManagedContainer container : ofJob) {
			int run = ContainerReport.of(container).runNumber();
			if (run > instruction.runNumber()) {
				return Optional.of(failed(instruction, StartFailure.STALE_INSTRUCTION,
						"stale instruction: run " + run + " of job " + instruction.jobId()
								+ " already has containers here, this is run " + instruction.runNumber()));
			}
		}
		for (ManagedContainer container : ofJob) {
			boolean ours = this.agentId.equals(container.labels().get(ManagedLabels.AGENT_ID));
			int run = ContainerReport.of(container).runNumber();
			if (run < instruction.runNumber() || !ours) {
				log.info("Replacing container {} (run {}, agent {}) of job {}", container.name(), run,
						container.labels().get(ManagedLabels.AGENT_ID), instruction.jobId());
				this.runtime.stop(container.id(), REPLACE_STOP_TIMEOUT);
				this.runtime.remove(container.id());
			}
		}
		OptionalLong taken = this.reservations.reserve(instruction.jobId(), instruction.containers(),
				() -> this.runtime.summaries(ManagedLabels.AGENT_ID, this.agentId));
		if (taken.isPresent()) {
			return Optional.of(failed(instruction, StartFailure.NO_CAPACITY,
					"not enough capacity on agent " + this.agentId + ": " + taken.getAsLong() + " of at most "
							+ this.maxContainers + " containers active, the job needs " + instruction.containers()));
		}
		return Optional.empty();
	}

	private JobReport startAll(Instruction instruction, Instant deadline) {
		List<ContainerReport> started = new ArrayList<>();
		for (int index = 0; index < instruction.containers(); index++) {
			try {
				started.add(
						ContainerReport.of(this.runtime.createAndStart(this.specs.spec(instruction, index, deadline))));
			}
			catch (ContainerRuntimeException ex) {
				String name = ManagedLabels.containerName(instruction.jobId(), index);
				String cleanup = removeAll(instruction);
				return failed(instruction, StartFailure.RUNTIME_ERROR, "container " + name + " (" + (index + 1) + " of "
						+ instruction.containers() + ") failed to start: " + ex.getMessage() + "; " + cleanup);
			}
		}
		log.info("Job {} run {}: {} containers of {} running", instruction.jobId(), instruction.runNumber(),
				started.size(), instruction.image());
		return new JobReport(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
				JobReport.Kind.STARTED, null, null, started, this.clock.instant());
	}

	/** All-or-nothing: removes every container of the instruction, says how that went. */
	private String removeAll(Instruction instruction) {
		List<String> failures = new ArrayList<>();
		for (int index = 0; index < instruction.containers(); index++) {
			String name = ManagedLabels.containerName(instruction.jobId(), index);
			try {
				this.runtime.remove(name);
			}
			catch (ContainerRuntimeException ex) {
				failures.add(name + ": " + ex.getMessage());
			}
		}
		if (failures.isEmpty()) {
			return "removed the containers of this instruction";
		}
		return "could not remove " + failures.stream().collect(Collectors.joining(", "));
	}

	private JobReport failed(Instruction instruction, StartFailure failure, String reason) {
		log.warn("CREATE of job {} run {} refused or failed: {}", instruction.jobId(), instruction.runNumber(), reason);
		return new JobReport(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
				JobReport.Kind.START_FAILED, failure, reason, List.of(), this.clock.instant());
	}

}
