package dev.dcf.handler.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of a job's schedule as the validator applies them with Quartz's cron syntax,
 * and the next start times in the schedule's zone.
 */
class RecurringScheduleRulesTests {

	private static final Instant NOW = Instant.parse("2026-03-28T10:00:00Z");

	private final QuartzCronRules rules = new QuartzCronRules(Clock.fixed(NOW, ZoneOffset.UTC));

	private final JobRequestValidator validator = new JobRequestValidator(JobLimits.defaults(),
			Clock.fixed(NOW, ZoneOffset.UTC), GeneratorProperties.defaults(), this.rules);

	@Test
	void aValidScheduleInAZonePasses() {
		assertThat(violations("0 0 * * * ?", "Europe/Berlin", "queue")).isEmpty();
		assertThat(violations("0/15 * * * * ?", null, null)).isEmpty();
		assertThat(violations("0 30 6 ? * MON-FRI", "America/New_York", "skip")).isEmpty();
	}

	@Test
	void aBadCronIsAFieldError() {
		assertThat(violations("0 0 * * *", null, null)).singleElement()
			.satisfies((violation) -> assertThat(violation.field()).isEqualTo("schedule.cron"))
			.satisfies((violation) -> assertThat(violation.message()).contains("not a valid Quartz cron expression"));
		assertThat(violations("every hour", null, null)).extracting(FieldViolation::field)
			.containsExactly("schedule.cron");
		// Quartz wants ? in one of day-of-month and day-of-week
		assertThat(violations("0 0 * * * *", null, null)).extracting(FieldViolation::field)
			.containsExactly("schedule.cron");
		assertThat(violations("0 0 0 1 1 ? 2020", null, null)).singleElement()
			.isEqualTo(new FieldViolation("schedule.cron", "never fires after now"));
	}

	@Test
	void anEmptyCronMeansNoSchedule() {
		assertThat(violations("  ", "Nowhere/City", "sometimes")).isEmpty();
	}

	@Test
	void aBadZoneOrOverlapIsAFieldError() {
		assertThat(violations("0 0 * * * ?", "Europe/Atlantis", null)).extracting(FieldViolation::field)
			.containsExactly("schedule.timeZone");
		assertThat(violations("0 0 * * * ?", "+02:00", null)).extracting(FieldViolation::field)
			.containsExactly("schedule.timeZone");
		assertThat(violations("0 0 * * * ?", null, "sometimes")).singleElement()
			.isEqualTo(new FieldViolation("schedule.overlap", "must be skip or queue"));
	}

	@Test
	void aScheduleAndAStartTimeExcludeEachOther() {
		assertThat(this.validator
			.validate(TestJobs.request().schedule("0 0 * * * ?", null, null).startAt(NOW.plusSeconds(3600)).build()))
			.extracting(FieldViolation::field)
			.containsExactly("startAt");
	}

	@Test
	void theNextThreeStartsAreReadInTheZoneAcrossTheChangeToSummerTime() {
		// Berlin moves from UTC+1 to UTC+2 on 29 March 2026 at 02:00
		List<Instant> next = this.rules.nextFirings("0 30 1 * * ?", ZoneId.of("Europe/Berlin"), NOW, 3);

		assertThat(next).containsExactly(Instant.parse("2026-03-29T00:30:00Z"), Instant.parse("2026-03-29T23:30:00Z"),
				Instant.parse("2026-03-30T23:30:00Z"));
	}

	@Test
	void aTimeThatDoesNotExistOnTheDayOfTheChangeIsLeftOut() {
		// 02:30 does not exist in Berlin on 29 March 2026
		List<Instant> next = this.rules.nextFirings("0 30 2 * * ?", ZoneId.of("Europe/Berlin"), NOW, 2);

		assertThat(next).containsExactly(Instant.parse("2026-03-30T00:30:00Z"), Instant.parse("2026-03-31T00:30:00Z"));
	}

	@Test
	void theNextStartsOfASecondsScheduleAreTheNextMultiplesOfItsPeriod() {
		List<Instant> next = this.rules.nextFirings("0/15 * * * * ?", ZoneId.of("UTC"), NOW.plusSeconds(1), 3);

		assertThat(next).containsExactly(NOW.plusSeconds(15), NOW.plusSeconds(30), NOW.plusSeconds(45));
	}

	private List<FieldViolation> violations(String cron, String zone, String overlap) {
		return this.validator.validate(TestJobs.request().schedule(cron, zone, overlap).build());
	}

}
