package dev.dcf.agent.instruction;

import java.util.List;

import dev.dcf.agent.report.JobReport;
import dev.dcf.agent.report.Reporter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the instruction feature: acts on instructions addressed to this agent
 * and answers each with one job report (a DRY_RUN's answer comes from {@link DryRuns},
 * after the try).
 *
 * <p>
 * Returns only after the answer was delivered; if it was not,
 * {@link dev.dcf.agent.report.ReportNotDeliveredException} propagates so the instruction
 * is redelivered (and, being idempotent, carried out again harmlessly). Thread-safe:
 * instructions of one job are serialised by {@link JobLocks}.
 */
public class InstructionHandler {

	private static final Logger log = LoggerFactory.getLogger(InstructionHandler.class);

	/** Width 1 runs everything on the caller's thread: its pool never starts a thread. */
	private static final SideBySide ONE_AT_A_TIME = new SideBySide(1);

	private final String agentId;

	private final ContainerStarter starter;

	private final ContainerRemover remover;

	private final JobLocks locks;

	private final Reporter reporter;

	private final DryRuns dryRuns;

	private final Restarts restarts;

	private final SideBySide sideBySide;

	InstructionHandler(String agentId, ContainerStarter starter, ContainerRemover remover, JobLocks locks,
			Reporter reporter) {
		this(agentId, starter, remover, locks, reporter, null);
	}

	InstructionHandler(String agentId, ContainerStarter starter, ContainerRemover remover, JobLocks locks,
			Reporter reporter, DryRuns dryRuns) {
		this(agentId, starter, remover, locks, reporter, dryRuns, null);
	}

	InstructionHandler(String agentId, ContainerStarter starter, ContainerRemover remover, JobLocks locks,
			Reporter reporter, DryRuns dryRuns, Restarts restarts) {
		this(agentId, starter, remover, locks, reporter, dryRuns, restarts, null);
	}

	/**
	 * @param dryRuns where DRY_RUNs go; null = this agent ignores them
	 * @param restarts the restart policies of started runs; null = none are enforced
	 * @param sideBySide how {@link #handleAll} overlaps instructions; null = one after
	 * the other
	 */
	InstructionHandler(String agentId, ContainerStarter starter, ContainerRemover remover, JobLocks locks,
			Reporter reporter, DryRuns dryRuns, Restarts restarts, SideBySide sideBySide) {
		this.sideBySide = (sideBySide != null) ? sideBySide : ONE_AT_A_TIME;
		this.dryRuns = dryRuns;
		this.restarts = restarts;
		this.agentId = agentId;
		this.starter = starter;
		this.remover = remover;
		this.locks = locks;
		this.reporter = reporter;
	}

	/**
	 * Carries out one poll's instructions, in order per job; CREATEs of different jobs
	 * may run side by side ({@link SideBySide}). Returns when all were answered.
	 * @throws InstructionFailedException naming the first that failed; all before it were
	 * carried out and answered
	 */
	public void handleAll(List<Instruction> instructions) {
		this.sideBySide.run(instructions, this::handle);
	}

	public void handle(Instruction instruction) {
		if (!this.agentId.equals(instruction.agentId())) {
			log.debug("Ignoring instruction {} for agent {}", instruction.instructionId(), instruction.agentId());
			return;
		}
		log.info("{} job {} run {} (instruction {})", instruction.operation(), instruction.jobId(),
				instruction.runNumber(), instruction.instructionId());
		switch (instruction.operation()) {
			case CREATE -> this.locks.withLock(instruction.jobId(), () -> create(instruction));
			case DELETE -> this.locks.withLock(instruction.jobId(), () -> {
				// a DELETE wins over pending restarts
				if (this.restarts != null) {
					this.restarts.cancel(instruction.jobId());
				}
				answer(this.remover.remove(instruction));
			});
			// not under the job lock: the dry run's id is no job's, and it takes seconds
			case DRY_RUN -> dryRun(instruction);
			case UNKNOWN -> log.warn("Ignoring instruction {}: its operation is unknown to this agent version",
					instruction.instructionId());
		}
	}

	private void create(Instruction instruction) {
		JobReport report = this.starter.start(instruction);
		if (this.restarts != null && report.kind() == JobReport.Kind.STARTED) {
			this.restarts.started(instruction);
		}
		answer(report);
	}

	private void dryRun(Instruction instruction) {
		if (this.dryRuns == null) {
			log.warn("Ignoring dry run {}: dry runs are off on this agent", instruction.instructionId());
			return;
		}
		this.dryRuns.submit(instruction);
	}

	private void answer(JobReport report) {
		this.reporter.send(report);
	}

}
