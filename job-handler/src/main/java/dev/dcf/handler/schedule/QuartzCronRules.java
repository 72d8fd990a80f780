package dev.dcf.handler.schedule;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.quartz.CronExpression;

import dev.dcf.handler.job.CronRules;

import org.springframework.stereotype.Component;

/**
 * Cron expressions as Quartz's {@code CronTrigger} reads them (seconds first, {@code ?}
 * for day-of-month or day-of-week), so that what the validator accepts and the next
 * firings shown are exactly what fires.
 */
@Component
public class QuartzCronRules implements CronRules {

	private final Clock clock;

	QuartzCronRules(Clock clock) {
		this.clock = clock;
	}

	@Override
	public String problem(String cron) {
		CronExpression expression;
		try {
			expression = new CronExpression(cron);
		}
		catch (ParseException | RuntimeException ex) {
			return "is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week"
					+ " [year], e.g. 0 0 * * * ?): " + ex.getMessage();
		}
		expression.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
		if (expression.getNextValidTimeAfter(Date.from(this.clock.instant())) == null) {
			return "never fires after now";
		}
		return null;
	}

	@Override
	public List<Instant> nextFirings(String cron, ZoneId zone, Instant after, int count) {
		CronExpression expression;
		try {
			expression = new CronExpression(cron);
		}
		catch (ParseException ex) {
			return List.of();
		}
		expression.setTimeZone(TimeZone.getTimeZone(zone));
		List<Instant> firings = new ArrayList<>(count);
		Date time = Date.from(after);
		while (firings.size() < count) {
			time = expression.getNextValidTimeAfter(time);
			if (time == null) {
				break;
			}
			firings.add(time.toInstant());
		}
		return firings;
	}

}
