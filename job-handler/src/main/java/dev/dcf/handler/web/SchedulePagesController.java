package dev.dcf.handler.web;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.NotJobOwnerException;

/**
 * The pages' recurring schedule actions: pause and resume on the job's page, and the
 * form's preview of the next start times (static/js/schedule.js), the page twins of
 * {@code /api/jobs/{id}/schedule/*} and {@code /api/jobs/schedule-preview}.
 */
@Controller
class SchedulePagesController {

	private final JobService jobs;

	SchedulePagesController(JobService jobs) {
		this.jobs = jobs;
	}

	@PostMapping("/jobs/{id}/schedule/pause")
	String pause(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.jobs.pauseSchedule(id, CurrentUser.actor(user)), "paused");
	}

	@PostMapping("/jobs/{id}/schedule/resume")
	String resume(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		return act(id, redirect, () -> this.jobs.resumeSchedule(id, CurrentUser.actor(user)), "resumed");
	}

	@PostMapping("/jobs/schedule-preview")
	String preview(@ModelAttribute("job") JobForm form, BindingResult result, Model model) {
		return "fragments/schedule :: preview";
	}

	private String act(String id, RedirectAttributes redirect, Action action, String done) {
		try {
			Job job = action.run();
			redirect.addFlashAttribute("success", "Schedule of job \"" + job.getName() + "\" " + done);
		}
		catch (JobNotFoundException ex) {
			redirect.addFlashAttribute("error", "The job does not exist (any more): " + id);
			return "redirect:/";
		}
		catch (JobConflictException | NotJobOwnerException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		catch (ConcurrencyFailureException ex) {
			redirect.addFlashAttribute("error", "The job changed at the same moment; look at its state and try again");
		}
		return "redirect:/jobs/" + id;
	}

	private interface Action {

		Job run();

	}

}
