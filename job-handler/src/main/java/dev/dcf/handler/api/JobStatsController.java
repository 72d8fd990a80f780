package dev.dcf.handler.api;

import dev.dcf.handler.job.JobService;
import dev.dcf.handler.stats.ContainerStatsService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/jobs/{id}/stats}: the newest resource sample of each running container of a
 * job (none while it does not run); 404 for an unknown job.
 */
@RestController
@RequestMapping("/api/jobs")
class JobStatsController {

	private final JobService jobs;

	private final ContainerStatsService stats;

	JobStatsController(JobService jobs, ContainerStatsService stats) {
		this.jobs = jobs;
		this.stats = stats;
	}

	@GetMapping("/{id}/stats")
	JobStatsView stats(@PathVariable String id) {
		String jobId = this.jobs.get(id).getId();
		return new JobStatsView(jobId, StatsView.of(this.stats.forJob(jobId)));
	}

	/**
	 * @param jobId the job
	 * @param stats its containers' samples and their sums
	 */
	record JobStatsView(String jobId, StatsView stats) {
	}

}
