package dev.dcf.handler.logs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.JobService;

/**
 * Keeps the end of each container's output when it exits and reads it back. A later exit
 * of the same container (job, run, index) replaces its lines; a report not newer than the
 * kept one changes nothing; only the newest {@value #RUNS_KEPT} runs of a job keep
 * theirs, and an exit of an older run is dropped. Rows go with their job (foreign key).
 */
@Service
public class ContainerLogService {

	static final int RUNS_KEPT = 10;

	private final ContainerLogRepository logs;

	private final JobService jobs;

	ContainerLogService(ContainerLogRepository logs, JobService jobs) {
		this.logs = logs;
		this.jobs = jobs;
	}

	/**
	 * Keeps an exit's output.
	 * @param exit what the exit report brought; nothing is kept for an unknown job
	 */
	@Transactional
	public void keep(ExitOutput exit) {
		if (!this.jobs.exists(exit.jobId())) {
			return;
		}
		Integer newest = this.logs.newestRun(exit.jobId());
		if (newest != null && exit.runNumber() <= newest - RUNS_KEPT) {
			return;
		}
		Optional<ContainerLog> kept = this.logs.findByJobIdAndRunNumberAndContainerIndex(exit.jobId(), exit.runNumber(),
				exit.index());
		if (kept.isPresent()) {
			if (exit.capturedAt().isAfter(kept.get().getCapturedAt())) {
				kept.get().replaceWith(exit);
			}
			return;
		}
		this.logs.save(new ContainerLog(UUID.randomUUID().toString(), exit));
		int newestNow = (newest != null) ? Math.max(newest, exit.runNumber()) : exit.runNumber();
		this.logs.deleteRunsBefore(exit.jobId(), newestNow - RUNS_KEPT + 1);
	}

	/**
	 * @param jobId the job
	 * @param index the container's index
	 * @return the output of that container in the newest run that kept one
	 * @throws JobNotFoundException if there is no such job
	 */
	@Transactional(readOnly = true)
	public Optional<KeptOutput> newest(String jobId, int index) {
		requireJob(jobId);
		return this.logs.findFirstByJobIdAndContainerIndexOrderByRunNumberDesc(jobId, index).map(ContainerLog::kept);
	}

	/**
	 * @param jobId the job
	 * @return for each container index, its output in the newest run that kept one, by
	 * index; empty if none is kept (or there is no such job)
	 */
	@Transactional(readOnly = true)
	public List<KeptOutput> newestOfEachContainer(String jobId) {
		Map<Integer, KeptOutput> byIndex = new LinkedHashMap<>();
		for (ContainerLog log : this.logs.findByJobIdOrderByRunNumberDescContainerIndexAsc(jobId)) {
			byIndex.putIfAbsent(log.getContainerIndex(), log.kept());
		}
		return byIndex.values().stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList();
	}

	private void requireJob(String jobId) {
		if (!this.jobs.exists(jobId)) {
			throw new JobNotFoundException(jobId);
		}
	}

}
