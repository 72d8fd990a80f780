package dev.dcf.handler.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.instruction.InstructionOutbox;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobEvent;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.RecordsProduced;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies job reports (from the job status listener): records the containers an agent
 * reported and lets {@link JobReportDecisions} decide what the job becomes. Idempotent: a
 * report delivered again is stale by its sequence and changes nothing. Containers that
 * run where they should not (their job is gone, ended, of an older run, or placed
 * elsewhere) are removed with a DELETE to the reporting agent.
 */
@Service
public class JobStatusService {

	private static final Logger log = LoggerFactory.getLogger(JobStatusService.class);

	private final JobRepository jobs;

	private final JobContainerRepository containers;

	private final InstructionOutbox outbox;

	private final Clock clock;

	private final Timer instructionToRunning;

	private final ReportSequences sequences;

	private final RecordsProduced recordsProduced;

	public JobStatusService(JobRepository jobs, JobContainerRepository containers, InstructionOutbox outbox,
			Clock clock, MeterRegistry meters, ReportSequences sequences, RecordsProduced recordsProduced) {
		this.sequences = sequences;
		this.recordsProduced = recordsProduced;
		this.jobs = jobs;
		this.containers = containers;
		this.outbox = outbox;
		this.clock = clock;
		this.instructionToRunning = Timer.builder("dcf.job.instruction.to.running")
			.description("From placing a job on an agent (CREATE queued) to the job RUNNING")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(50))
			.maximumExpectedValue(Duration.ofMinutes(10))
			.register(meters);
	}

	/**
	 * Applies one report.
	 * @param report the report
	 */
	@Transactional
	public void handle(JobReport report) {
		Instant now = this.clock.instant();
		if (this.sequences.isTooFarAhead(report.sequence(), now)) {
			log.warn("Refusing {} of job {} from agent {}: its sequence {} lies more than {} ahead of this clock",
					report.kind(), report.jobId(), report.agentId(), report.sequence(), this.sequences.maxClockSkew());
			return;
		}
		Optional<Job> found = this.jobs.findById(report.jobId());
		if (found.isEmpty()) {
			if (report.kind() == JobReport.Kind.STARTED || report.kind() == JobReport.Kind.CONTAINER_EXITED
					|| report.kind() == JobReport.Kind.CONTAINER_RESTARTED) {
				removeContainers(report, "job " + report.jobId() + " does not exist (any more)", now);
			}
			else {
				log.debug("Ignoring {} of unknown job {}", report.kind(), report.jobId());
			}
			return;
		}
		Job job = found.get();
		JobReportDecisions.Admission admission = JobReportDecisions.admit(job, report);
		if (!admission.accepted()) {
			log.debug("Ignoring {} of job {} run {} from agent {}: {}", report.kind(), job.getId(), report.runNumber(),
					report.agentId(), admission.why());
			if (admission.removeContainers()) {
				removeContainers(report, admission.why(), now);
			}
			return;
		}
		JobState before = job.getState();
		List<JobContainer> run = recordContainers(job, report, now);
		JobReportDecisions.Decision decision = JobReportDecisions.decide(job, report, run,
				() -> this.recordsProduced.countNow(job), now);
		this.jobs.save(job);
		log.debug("{} of job {} run {} from agent {}: {} -> {} ({})", report.kind(), job.getId(), report.runNumber(),
				report.agentId(), before, job.getState(), decision.summary());
		if (decision.removeContainers()) {
			removeContainers(report, decision.summary(), now);
		}
		if (before != JobState.RUNNING && job.getState() == JobState.RUNNING) {
			placedAt(job).ifPresent((placed) -> this.instructionToRunning.record(Duration.between(placed, now)));
		}
	}

	/**
	 * Takes over what the report says about the run's containers.
	 * @return all containers of the run, by index
	 */
	private List<JobContainer> recordContainers(Job job, JobReport report, Instant now) {
		for (ReportedContainer reported : report.containers()) {
			if (reported.index() < 0 || !job.getId().equals(reported.jobId())
					|| reported.runNumber() != report.runNumber()) {
				continue;
			}
			JobContainer container = this.containers
				.findByJobIdAndRunNumberAndIndex(job.getId(), report.runNumber(), reported.index())
				.orElseGet(() -> new JobContainer(job.getId(), report.runNumber(), reported.index(), report.agentId(),
						now));
			if (report.restart() != null && report.kind() == JobReport.Kind.STARTED
					&& job.getState() == JobState.RUNNING) {
				job.note(RestartNotes.started(report.restart(), reported, container.getFinishedAt()), now);
			}
			container.observe(reported.containerId(), reported.name(),
					JobReportDecisions.recordedState(job, report, reported), reported.exitCode(), reported.startedAt(),
					reported.finishedAt(), now);
			container.observeImage(reported.imageDigest());
			this.containers.save(container);
		}
		return this.containers.findByJobIdAndRunNumberOrderByIndex(job.getId(), job.getRunNumber());
	}

	private void removeContainers(JobReport report, String why, Instant now) {
		log.info("Removing containers of job {} run {} from agent {}: {}", report.jobId(), report.runNumber(),
				report.agentId(), why);
		this.outbox.delete(report.jobId(), report.runNumber(), report.agentId(), why, now);
	}

	/** When the current run was placed on its agent (its CREATE was queued). */
	private static Optional<Instant> placedAt(Job job) {
		List<JobEvent> events = job.getEvents();
		for (int i = events.size() - 1; i >= 0; i--) {
			JobEvent event = events.get(i);
			if (event.runNumber() == job.getRunNumber() && event.from() == JobState.DEPLOYING
					&& event.to() == JobState.DEPLOYING) {
				return Optional.of(event.at());
			}
		}
		return Optional.empty();
	}

}
