package dev.dcf.handler.web;

import dev.dcf.handler.job.ScheduleRequest;

/**
 * The form's recurring schedule, as typed ({@code schedule.cron},
 * {@code schedule.timeZone}, {@code schedule.overlap}). An empty cron means no schedule.
 */
public class ScheduleFields {

	private String cron = "";

	private String timeZone = ScheduleRequest.DEFAULT_TIME_ZONE;

	private String overlap = "skip";

	static ScheduleFields of(ScheduleRequest schedule) {
		ScheduleFields fields = new ScheduleFields();
		if (schedule != null) {
			fields.cron = schedule.cron();
			fields.timeZone = schedule.zoneOrDefault();
			fields.overlap = schedule.overlap();
		}
		return fields;
	}

	/**
	 * @return the request's schedule; one with an empty cron is dropped by the validator
	 */
	ScheduleRequest toRequest() {
		return new ScheduleRequest(this.cron.strip(), this.timeZone.strip(), this.overlap);
	}

	boolean isEmpty() {
		return this.cron.isBlank();
	}

	public String getCron() {
		return this.cron;
	}

	public void setCron(String cron) {
		this.cron = (cron != null) ? cron : "";
	}

	public String getTimeZone() {
		return this.timeZone;
	}

	public void setTimeZone(String timeZone) {
		this.timeZone = (timeZone != null) ? timeZone : "";
	}

	public String getOverlap() {
		return this.overlap;
	}

	public void setOverlap(String overlap) {
		this.overlap = (overlap != null) ? overlap : "";
	}

}
