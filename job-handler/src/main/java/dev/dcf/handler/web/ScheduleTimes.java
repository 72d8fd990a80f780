package dev.dcf.handler.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.schedule.RecurringSchedules.Preview;

import org.springframework.stereotype.Component;

/**
 * The next start times of schedules as the pages show them ({@code @scheduleTimes} in
 * templates/fragments/schedule.html): in the schedule's zone, with its offset, so a
 * change to summer time shows.
 */
@Component("scheduleTimes")
public class ScheduleTimes {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx");

	private final RecurringSchedules schedules;

	ScheduleTimes(RecurringSchedules schedules) {
		this.schedules = schedules;
	}

	/**
	 * @param job a job
	 * @return its next start times, none without an armed schedule
	 */
	public List<String> next(Job job) {
		if (job.getSchedule() == null) {
			return List.of();
		}
		ZoneId zone = ZoneId.of(job.getSchedule().zoneOrDefault());
		return this.schedules.nextStarts(job).stream().map((at) -> format(at, zone)).toList();
	}

	/**
	 * @param fields a schedule as typed on the form
	 * @return its next start times or its problems; {@code null} for an empty schedule
	 */
	public Shown preview(ScheduleFields fields) {
		if (fields == null || fields.isEmpty()) {
			return null;
		}
		Preview preview = this.schedules.preview(fields.toRequest());
		if (!preview.violations().isEmpty()) {
			return new Shown(preview.timeZone(), List.of(),
					preview.violations().stream().map(FieldViolation::message).toList());
		}
		ZoneId zone = ZoneId.of(preview.timeZone());
		return new Shown(preview.timeZone(), preview.nextStarts().stream().map((at) -> format(at, zone)).toList(),
				List.of());
	}

	private static String format(Instant at, ZoneId zone) {
		return SHOWN.format(at.atZone(zone));
	}

	/**
	 * A preview as shown.
	 *
	 * @param timeZone the zone
	 * @param times the next start times, formatted
	 * @param problems what is wrong, empty if nothing
	 */
	public record Shown(String timeZone, List<String> times, List<String> problems) {

	}

}
