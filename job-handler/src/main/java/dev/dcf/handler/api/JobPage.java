package dev.dcf.handler.api;

import java.util.List;

import org.springframework.data.domain.Page;

import dev.dcf.handler.job.Job;

/**
 * One page of jobs: a stable JSON shape rather than Spring Data's {@code Page}.
 */
record JobPage(List<JobView> content, int page, int size, long totalElements, int totalPages) {

	static JobPage of(Page<Job> page) {
		return new JobPage(page.getContent().stream().map(JobView::of).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

}
