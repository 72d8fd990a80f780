package dev.dcf.handler.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.dcf.handler.job.CronRules;
import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.ScheduleChecks;
import dev.dcf.handler.job.ScheduleRequest;

import org.springframework.stereotype.Service;

/**
 * What the API and the pages show of recurring schedules: the next start times of a job's
 * schedule, and a preview of a schedule being typed.
 */
@Service
public class RecurringSchedules {

	/** How many next start times are shown. */
	public static final int SHOWN = 3;

	private final CronRules rules;

	private final Clock clock;

	RecurringSchedules(CronRules rules, Clock clock) {
		this.rules = rules;
		this.clock = clock;
	}

	/**
	 * @param job a job
	 * @return its schedule's next {@value #SHOWN} firings from now, none if it has no
	 * schedule or the schedule is paused
	 */
	public List<Instant> nextStarts(Job job) {
		ScheduleRequest schedule = job.getSchedule();
		if (schedule == null || !job.isScheduleArmed()) {
			return List.of();
		}
		return this.rules.nextFirings(schedule.cron(), ZoneId.of(schedule.zoneOrDefault()), this.clock.instant(),
				SHOWN);
	}

	/**
	 * The next start times of a schedule not stored yet, or what is wrong with it.
	 * @param schedule cron, zone and overlap as typed
	 * @return the next {@value #SHOWN} firings, or the violations (same as on submit)
	 */
	public Preview preview(ScheduleRequest schedule) {
		List<FieldViolation> violations = new ArrayList<>();
		ScheduleChecks.check(schedule, null, this.rules,
				(field, message) -> violations.add(new FieldViolation(field, message)));
		if (!violations.isEmpty()) {
			return new Preview(schedule.zoneOrDefault(), List.of(), violations);
		}
		ZoneId zone = ZoneId.of(schedule.zoneOrDefault());
		return new Preview(zone.getId(),
				this.rules.nextFirings(schedule.trimmedCron(), zone, this.clock.instant(), SHOWN), List.of());
	}

	/**
	 * A schedule's next start times, or why there are none.
	 *
	 * @param timeZone the zone the times are read in
	 * @param nextStarts the next firings, empty if the schedule is invalid
	 * @param violations what is wrong, empty if nothing
	 */
	public record Preview(String timeZone, List<Instant> nextStarts, List<FieldViolation> violations) {

	}

}
