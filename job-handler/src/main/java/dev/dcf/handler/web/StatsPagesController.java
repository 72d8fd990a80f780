package dev.dcf.handler.web;

import dev.dcf.handler.job.JobService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The container stats card of a job's page, fetched again by stats.js on every stats
 * message of the job; 404 for an unknown job.
 */
@Controller
class StatsPagesController {

	private final JobService jobs;

	StatsPagesController(JobService jobs) {
		this.jobs = jobs;
	}

	@GetMapping("/jobs/{id}/stats")
	String jobStats(@PathVariable String id, Model model) {
		model.addAttribute("statsJobId", this.jobs.get(id).getId());
		return "fragments/stats :: job";
	}

}
