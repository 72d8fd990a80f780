package dev.dcf.handler.job;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.BiConsumer;

/**
 * The rules of a job's recurring schedule (fields {@code schedule.cron},
 * {@code schedule.timeZone}, {@code schedule.overlap}): a cron expression the scheduler
 * accepts and that fires at all, an IANA zone, {@code skip} or {@code queue}, and no
 * {@code startAt} beside it (the schedule says when runs start).
 */
public final class ScheduleChecks {

	static final int MAX_CRON = 200;

	private ScheduleChecks() {
	}

	public static void check(ScheduleRequest schedule, Instant startAt, CronRules rules,
			BiConsumer<String, String> violations) {
		String cron = schedule.trimmedCron();
		if (cron == null || cron.isEmpty()) {
			violations.accept("schedule.cron", "is required");
		}
		else if (cron.length() > MAX_CRON) {
			violations.accept("schedule.cron", "must be at most " + MAX_CRON + " characters");
		}
		else {
			String problem = rules.problem(cron);
			if (problem != null) {
				violations.accept("schedule.cron", problem);
			}
		}
		if (zone(schedule.zoneOrDefault()) == null) {
			violations.accept("schedule.timeZone", "is not a known time zone (an IANA id such as Europe/Berlin)");
		}
		if (ScheduleOverlap.parse(schedule.overlap()) == null) {
			violations.accept("schedule.overlap", "must be skip or queue");
		}
		if (startAt != null) {
			violations.accept("startAt", "must be empty for a job with a schedule: its firings start the runs");
		}
	}

	/**
	 * @param id a zone id
	 * @return the zone, {@code null} if there is none of that id (offsets such as
	 * {@code +02:00} are not zones: they know no daylight saving time)
	 */
	public static ZoneId zone(String id) {
		if (!ZoneId.getAvailableZoneIds().contains(id)) {
			return null;
		}
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
