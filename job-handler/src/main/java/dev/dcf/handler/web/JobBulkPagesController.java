package dev.dcf.handler.web;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.NotJobOwnerException;

/**
 * The jobs page's actions on the selected jobs: each job on its own ({@link JobBulk}),
 * one line per job in the result shown on the page.
 */
@Controller
class JobBulkPagesController {

	private final JobBulk bulk;

	JobBulkPagesController(JobBulk bulk) {
		this.bulk = bulk;
	}

	@PostMapping("/jobs/bulk")
	String bulk(@RequestParam(required = false) String action,
			@RequestParam(name = "ids", required = false) List<String> ids,
			@RequestParam(defaultValue = "/") String back, Authentication user, RedirectAttributes redirect) {
		String target = (back.startsWith("/") && !back.startsWith("//")) ? back : "/";
		JobBulk.Action parsed = JobBulk.Action.parse(action);
		if (parsed == null || ids == null || ids.isEmpty() || ids.size() > JobBulk.MAX_IDS) {
			redirect.addFlashAttribute("error", "Select 1 to " + JobBulk.MAX_IDS + " jobs and an action");
			return "redirect:" + target;
		}
		List<Result> results = this.bulk.apply(parsed, ids, CurrentUser.actor(user))
			.stream()
			.map((outcome) -> new Result(outcome.id(), outcome.ok(), text(parsed, outcome)))
			.toList();
		long done = results.stream().filter(Result::ok).count();
		redirect.addFlashAttribute("bulkResults", results);
		redirect.addFlashAttribute("bulkSummary", parsed.label() + ": " + done + " of " + results.size() + " job"
				+ ((results.size() == 1) ? "" : "s") + " done");
		return "redirect:" + target;
	}

	private static String text(JobBulk.Action action, JobBulk.Outcome outcome) {
		if (outcome.ok()) {
			return (action == JobBulk.Action.DELETE) ? "deleted" : "done, now " + outcome.state();
		}
		RuntimeException failure = outcome.failure();
		if (failure instanceof NotJobOwnerException || failure instanceof JobNotFoundException
				|| failure instanceof JobConflictException) {
			return "not done: " + failure.getMessage();
		}
		return "not done: the action failed unexpectedly; the handler's log has the details";
	}

	/**
	 * One line of the result.
	 *
	 * @param id the job
	 * @param ok whether the action was done
	 * @param text what happened
	 */
	record Result(String id, boolean ok, String text) {
	}

}
