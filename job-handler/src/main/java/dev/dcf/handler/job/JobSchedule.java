package dev.dcf.handler.job;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * How a job's recurring schedule is stored (migration V13), and where it stands: armed or
 * not, the last firing handled (a firing at or before it is a repeat and does nothing),
 * and the one queued firing, if any. All {@code null}: the job has no schedule.
 */
@Embeddable
class JobSchedule {

	@Column(name = "schedule_cron", length = 200)
	private String cron;

	@Column(name = "schedule_time_zone", length = 64)
	private String timeZone;

	@Enumerated(EnumType.STRING)
	@Column(name = "schedule_overlap", length = 8)
	private ScheduleOverlap overlap;

	@Column(name = "schedule_armed")
	private Boolean armed;

	@Column(name = "schedule_last_firing")
	private Instant lastFiring;

	@Column(name = "schedule_queued_firing")
	private Instant queuedFiring;

	protected JobSchedule() {
		// for JPA
	}

	JobSchedule(ScheduleRequest request) {
		this.cron = request.trimmedCron();
		this.timeZone = request.zoneOrDefault();
		this.overlap = ScheduleOverlap.parse(request.overlap());
		this.armed = false;
	}

	ScheduleRequest toRequest() {
		return new ScheduleRequest(this.cron, this.timeZone, this.overlap.label());
	}

	ScheduleOverlap overlap() {
		return this.overlap;
	}

	boolean isArmed() {
		return Boolean.TRUE.equals(this.armed);
	}

	void arm(boolean armed) {
		this.armed = armed;
		if (!armed) {
			this.queuedFiring = null;
		}
	}

	/**
	 * Records a firing as handled.
	 * @return {@code false} if it was handled before (a repeat)
	 */
	boolean accept(Instant firing) {
		if (this.lastFiring != null && !firing.isAfter(this.lastFiring)) {
			return false;
		}
		this.lastFiring = firing;
		return true;
	}

	Instant queuedFiring() {
		return this.queuedFiring;
	}

	void queue(Instant firing) {
		this.queuedFiring = firing;
	}

	Instant lastFiring() {
		return this.lastFiring;
	}

}
