package dev.dcf.handler.api;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.job.InvalidJobRequestException;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.ScheduleRequest;
import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.schedule.RecurringSchedules.Preview;

/**
 * Recurring schedules (docs/usage.md, "Recurring schedules"): pause and resume a job's
 * schedule, and preview the next start times of one being typed.
 */
@RestController
class ScheduleController {

	private final JobService jobs;

	private final RecurringSchedules schedules;

	ScheduleController(JobService jobs, RecurringSchedules schedules) {
		this.jobs = jobs;
		this.schedules = schedules;
	}

	@PostMapping("/api/jobs/{id}/schedule/pause")
	JobView pause(@PathVariable String id, Authentication user) {
		Job job = this.jobs.pauseSchedule(id, Actors.of(user));
		return JobView.of(job).withNextStarts(job, this.schedules.nextStarts(job));
	}

	@PostMapping("/api/jobs/{id}/schedule/resume")
	JobView resume(@PathVariable String id, Authentication user) {
		Job job = this.jobs.resumeSchedule(id, Actors.of(user));
		return JobView.of(job).withNextStarts(job, this.schedules.nextStarts(job));
	}

	/**
	 * The next start times of a schedule, in UTC instants; the zone it is read in is
	 * returned with them. An invalid schedule is a 400 with the same field errors as on
	 * create.
	 */
	@PostMapping("/api/jobs/schedule-preview")
	Preview preview(@RequestBody ScheduleRequest schedule) {
		Preview preview = this.schedules.preview(schedule);
		if (!preview.violations().isEmpty()) {
			throw new InvalidJobRequestException(preview.violations());
		}
		return preview;
	}

}
