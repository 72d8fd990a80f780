package dev.dcf.handler.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.dcf.handler.job.GeneratorRequest;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobCopy;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.ScheduleRequest;
import dev.dcf.handler.job.RestartRequest;

/**
 * A job as the API shows it (the request's field names), plus its run number and, in the
 * detail view, the containers of its current run. Secret env values are write-only: env
 * shows them masked, {@code secretEnv} names them.
 */
record JobView(String id, String name, String description, String image, List<String> command, String topic,
		int containers, double cpuLimit, int memoryLimitMb, long durationSeconds, Instant startAt,
		Map<String, String> env, Map<String, String> agentLabels, JobState state, String stateReason, String agentId,
		String owner, Instant createdAt, Instant startedAt, Instant finishedAt, int runNumber, Long recordsProduced,
		String onAgentLost, boolean exclusive, int partitions, Integer replicationFactor, Integer retentionHours,
		String topicCleanup, Double targetRate, Long maxRecords,
		@JsonInclude(JsonInclude.Include.NON_NULL) GeneratorRequest generator,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<ContainerView> containerList,
		@JsonInclude(JsonInclude.Include.NON_NULL) ScheduleView schedule, RestartRequest restart,
		List<String> secretEnv) {

	static JobView of(Job job) {
		return of(job, null, null);
	}

	/**
	 * @param recordsProduced what the current run produced, {@code null} if unknown or
	 * not asked for (lists)
	 */
	static JobView of(Job job, List<JobContainer> containers, Long recordsProduced) {
		return new JobView(job.getId(), job.getName(), job.getDescription(), job.getImage(),
				List.copyOf(job.getCommand()), job.getTopic(), job.getContainers(), job.getCpuLimit(),
				job.getMemoryLimitMb(), job.getDurationSeconds(), job.getStartAt(), job.getEnvMap(),
				Map.copyOf(job.getAgentLabels()), job.getState(), job.getStateReason(), job.getAgentId(),
				job.getOwner(), job.getCreatedAt(), job.getRun().getStartedAt(), job.getRun().getFinishedAt(),
				job.getRunNumber(), recordsProduced, job.getOnAgentLost().label(), job.isExclusive(),
				job.getTopicPartitions(), job.getTopicReplicationFactor(), job.getTopicRetentionHours(),
				job.getTopicCleanup().label(), job.getTargetRate(), job.getMaxRecords(), job.getGenerator(),
				(containers != null) ? containers.stream().map(ContainerView::of).toList() : null,
				ScheduleView.of(job, null), job.getRestart().toRequest(), JobCopy.secretNames(job));
	}

	/**
	 * The same view with the schedule's next start times (a job without a schedule has
	 * none).
	 */
	JobView withNextStarts(Job job, List<Instant> nextStarts) {
		return new JobView(this.id, this.name, this.description, this.image, this.command, this.topic, this.containers,
				this.cpuLimit, this.memoryLimitMb, this.durationSeconds, this.startAt, this.env, this.agentLabels,
				this.state, this.stateReason, this.agentId, this.owner, this.createdAt, this.startedAt, this.finishedAt,
				this.runNumber, this.recordsProduced, this.onAgentLost, this.exclusive, this.partitions,
				this.replicationFactor, this.retentionHours, this.topicCleanup, this.targetRate, this.maxRecords,
				this.generator, this.containerList, ScheduleView.of(job, nextStarts), this.restart, this.secretEnv);
	}

	/**
	 * A job's recurring schedule: as requested, whether it is armed (started and not
	 * paused), whether a firing is queued, and (in the detail view) its next start times.
	 */
	record ScheduleView(String cron, String timeZone, String overlap, boolean armed, boolean queued,
			@JsonInclude(JsonInclude.Include.NON_NULL) List<Instant> nextStarts) {

		static ScheduleView of(Job job, List<Instant> nextStarts) {
			ScheduleRequest schedule = job.getSchedule();
			if (schedule == null) {
				return null;
			}
			return new ScheduleView(schedule.cron(), schedule.zoneOrDefault(), schedule.overlap(),
					job.isScheduleArmed(), job.hasQueuedStart(), nextStarts);
		}

	}

	/**
	 * One container of the current run.
	 */
	record ContainerView(int index, String containerId, String name, String agentId, String state, Integer exitCode,
			Instant startedAt, Instant finishedAt, Instant updatedAt) {

		static ContainerView of(JobContainer container) {
			return new ContainerView(container.getIndex(), container.getContainerId(), container.getName(),
					container.getAgentId(), container.getState().name(), container.getExitCode(),
					container.getStartedAt(), container.getFinishedAt(), container.getUpdatedAt());
		}

	}

}
