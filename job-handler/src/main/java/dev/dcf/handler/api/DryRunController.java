package dev.dcf.handler.api;

import dev.dcf.handler.dryrun.DryRunResult;
import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.job.JobRequest;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/jobs/dry-run}: tries a job body for a few seconds, stores nothing
 * (docs/usage.md, "Try a job before you submit it").
 */
@RestController
class DryRunController {

	private final DryRunService dryRuns;

	DryRunController(DryRunService dryRuns) {
		this.dryRuns = dryRuns;
	}

	@PostMapping("/api/jobs/dry-run")
	DryRunResult dryRun(@RequestBody JobRequest request, Authentication user) {
		return this.dryRuns.run(request, user.getName());
	}

}
