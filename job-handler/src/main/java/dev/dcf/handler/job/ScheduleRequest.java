package dev.dcf.handler.job;

/**
 * A job's recurring schedule as users give it (API field {@code schedule}, the form): a
 * Quartz cron expression with seconds, e.g. {@code 0 0 * * * ?}, read in {@code timeZone}
 * (an IANA id, default UTC); {@code overlap} says what a firing does while a run is still
 * active ({@link ScheduleOverlap}). Checked by {@link JobRequestValidator}.
 *
 * @param cron the cron expression
 * @param timeZone IANA time zone id; {@code null} or blank for UTC
 * @param overlap {@code skip} (default) or {@code queue}
 */
public record ScheduleRequest(String cron, String timeZone, String overlap) {

	/** The zone of a schedule that names none. */
	public static final String DEFAULT_TIME_ZONE = "UTC";

	/**
	 * @return the zone id, UTC when none was given
	 */
	public String zoneOrDefault() {
		return (this.timeZone == null || this.timeZone.isBlank()) ? DEFAULT_TIME_ZONE : this.timeZone.trim();
	}

	/**
	 * @return the cron expression without surrounding blanks
	 */
	public String trimmedCron() {
		return (this.cron != null) ? this.cron.trim() : null;
	}

}
