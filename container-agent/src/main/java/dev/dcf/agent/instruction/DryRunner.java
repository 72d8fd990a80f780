package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.dcf.agent.config.ManagedLabels;
import dev.dcf.agent.health.ActiveContainers;
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
 * Carries out DRY_RUN (docs/usage.md, "Try a job before you submit it"): the checks of a
 * CREATE (instruction, health, allow-list, capacity, pull policy), then one container
 * with the agent's hardening and the job's limits on the instruction's (scratch) topic,
 * until it exits or the dry-run time has passed since the instruction arrived (the pull
 * counts against it, so the whole try stays within that time plus the stop timeout); then
 * its exit code and the end of its output are read and it is removed. Always answers with
 * one DRY_RUN_DONE.
 *
 * <p>
 * The container carries {@link ManagedLabels#DRY_RUN} and a deadline
 * ({@link ManagedLabels#DEADLINE}): should the agent die during the try,
 * {@link DeadlineEnforcer} removes it once the agent is back. Blocks for up to the
 * dry-run time: callers run it off the instruction consumer ({@link DryRuns}).
 */
final class DryRunner {

	private static final Logger log = LoggerFactory.getLogger(DryRunner.class);

	/** Lines of output reported. */
	static final int OUTPUT_LINES = 50;

	/** Characters of output reported at most (the end is kept). */
	static final int OUTPUT_CHARS = 16 * 1024;

	/** How often the container is looked at while it runs. */
	static final Duration POLL = Duration.ofMillis(200);

	/** A try asked for longer ago than this is not carried out: its asker gave up. */
	static final Duration STALE_AFTER = Duration.ofMinutes(1);

	private final ContainerRuntime runtime;

	private final HealthMonitor health;

	private final ImageAllowList allowList;

	private final Function<Duration, ImagePuller> pullers;

	private final ContainerSpecs specs;

	private final Settings settings;

	private final Clock clock;

	private final Pause pause;

	/**
	 * @param pullers an image puller with the given timeout
	 */
	DryRunner(ContainerRuntime runtime, HealthMonitor health, ImageAllowList allowList,
			Function<Duration, ImagePuller> pullers, ContainerSpecs specs, Settings settings, Clock clock,
			Pause pause) {
		this.runtime = runtime;
		this.health = health;
		this.allowList = allowList;
		this.pullers = pullers;
		this.specs = specs;
		this.settings = settings;
		this.clock = clock;
		this.pause = pause;
	}

	JobReport run(Instruction instruction) {
		Instant begun = this.clock.instant();
		Instant end = begun.plus(this.settings.runTime());
		Optional<JobReport> refusal = refusal(instruction, begun);
		if (refusal.isPresent()) {
			return refusal.get();
		}
		try {
			this.pullers.apply(remaining(end)).prepare(instruction);
		}
		catch (ContainerRuntimeException ex) {
			return failed(instruction, StartFailure.IMAGE_UNAVAILABLE,
					"cannot pull image '" + instruction.image() + "': " + ex.getMessage());
		}
		ManagedContainer started;
		try {
			started = this.runtime.createAndStart(this.specs.dryRunSpec(instruction,
					end.plus(this.settings.deadlineGrace()).truncatedTo(ChronoUnit.MILLIS)));
		}
		catch (ContainerRuntimeException ex) {
			return failed(instruction, StartFailure.RUNTIME_ERROR, "the container failed to start: " + ex.getMessage());
		}
		log.info("Dry run {}: container {} of {} started, for at most {} ms", instruction.jobId(), started.name(),
				instruction.image(), remaining(end).toMillis());
		return watchAndRemove(instruction, started, end);
	}

	private Optional<JobReport> refusal(Instruction instruction, Instant now) {
		Optional<String> problem = ContainerSpecs.problems(instruction);
		if (problem.isPresent()) {
			return Optional
				.of(failed(instruction, StartFailure.INVALID_INSTRUCTION, "invalid instruction: " + problem.get()));
		}
		if (instruction.issuedAt() != null && instruction.issuedAt().plus(STALE_AFTER).isBefore(now)) {
			return Optional.of(failed(instruction, StartFailure.STALE_INSTRUCTION,
					"the dry run was asked for at " + instruction.issuedAt() + ", too long ago"));
		}
		HealthSnapshot snapshot = this.health.recentOrEvaluate(this.settings.healthMaxAge());
		if (!snapshot.healthy()) {
			return Optional.of(failed(instruction, StartFailure.AGENT_UNHEALTHY,
					"agent " + this.settings.agentId() + " is unhealthy: " + snapshot.failureSummary()));
		}
		if (!this.allowList.permits(instruction.image())) {
			return Optional.of(failed(instruction, StartFailure.IMAGE_NOT_ALLOWED,
					"image '" + instruction.image() + "' is not allowed on agent " + this.settings.agentId()
							+ " (allowed: " + String.join(", ", this.allowList.globs()) + ")"));
		}
		try {
			long active = this.runtime.summaries(ManagedLabels.AGENT_ID, this.settings.agentId())
				.stream()
				.filter(ActiveContainers::isActive)
				.count();
			if (active + 1 > this.settings.maxContainers()) {
				return Optional.of(failed(instruction, StartFailure.NO_CAPACITY,
						"not enough capacity on agent " + this.settings.agentId() + ": " + active + " of at most "
								+ this.settings.maxContainers() + " containers active"));
			}
		}
		catch (ContainerRuntimeException ex) {
			return Optional.of(failed(instruction, StartFailure.RUNTIME_ERROR,
					"cannot list the agent's containers: " + ex.getMessage()));
		}
		return Optional.empty();
	}

	private JobReport watchAndRemove(Instruction instruction, ManagedContainer started, Instant end) {
		ManagedContainer last = started;
		boolean stopped = false;
		try {
			last = awaitExit(started, end);
			if (ActiveContainers.isActive(last)) {
				this.runtime.stop(started.id(), this.settings.stopTimeout());
				stopped = true;
				last = this.runtime.inspect(started.id()).orElse(last);
			}
		}
		catch (ContainerRuntimeException ex) {
			log.warn("Dry run {}: cannot follow container {}: {}", instruction.jobId(), started.name(),
					ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String output = output(started);
		String removal = remove(started);
		String reason = (stopped
				? "stopped by the agent after the dry-run time of " + this.settings.runTime().toSeconds() + " s"
				: "exited by itself with code " + last.exitCode()) + removal;
		log.info("Dry run {}: {}", instruction.jobId(), reason);
		return new JobReport(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
				JobReport.Kind.DRY_RUN_DONE, null, reason, List.of(ContainerReport.of(last)), this.clock.instant(),
				null, output);
	}

	private ManagedContainer awaitExit(ManagedContainer started, Instant end) throws InterruptedException {
		ManagedContainer current = started;
		while (ActiveContainers.isActive(current) && this.clock.instant().isBefore(end)) {
			Duration left = remaining(end);
			this.pause.sleep((left.compareTo(POLL) < 0) ? left : POLL);
			Optional<ManagedContainer> seen = this.runtime.inspect(started.id());
			if (seen.isEmpty()) {
				break;
			}
			current = seen.get();
		}
		return current;
	}

	/**
	 * The container's last lines, bounded; what went wrong instead if they cannot be
	 * read.
	 */
	private String output(ManagedContainer container) {
		try {
			String text = String.join("\n",
					this.runtime.logsTail(container.id(), OUTPUT_LINES, this.settings.stopTimeout()));
			return (text.length() > OUTPUT_CHARS) ? text.substring(text.length() - OUTPUT_CHARS) : text;
		}
		catch (ContainerRuntimeException ex) {
			return "(the output could not be read: " + ex.getMessage() + ")";
		}
	}

	/**
	 * @return what to add to the reason: nothing if the container is gone
	 */
	private String remove(ManagedContainer container) {
		try {
			this.runtime.remove(container.id());
			return "";
		}
		catch (ContainerRuntimeException ex) {
			log.warn("Dry run container {} not removed, its deadline removes it: {}", container.name(),
					ex.getMessage());
			return "; not removed yet (" + ex.getMessage() + "), the agent removes it at its deadline";
		}
	}

	private Duration remaining(Instant end) {
		Duration left = Duration.between(this.clock.instant(), end);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private JobReport failed(Instruction instruction, StartFailure failure, String reason) {
		log.warn("Dry run {} of {} did not start: {}", instruction.jobId(), instruction.image(), reason);
		return new JobReport(instruction.jobId(), instruction.runNumber(), instruction.instructionId(),
				JobReport.Kind.DRY_RUN_DONE, failure, reason, List.of(), this.clock.instant(), null, null);
	}

	/**
	 * @param agentId this agent
	 * @param maxContainers the agent's {@code max-containers}, which the dry run counts
	 * against
	 * @param healthMaxAge a healthy result this recent is trusted
	 * @param runTime how long a dry run may take, pull included
	 * @param stopTimeout how long the container gets to stop, and the output to be read
	 * @param deadlineGrace added to the end of the try for the container's deadline label
	 */
	record Settings(String agentId, int maxContainers, Duration healthMaxAge, Duration runTime, Duration stopTimeout,
			Duration deadlineGrace) {

	}

}
