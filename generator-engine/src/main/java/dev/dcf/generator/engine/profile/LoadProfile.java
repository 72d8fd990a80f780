package dev.dcf.generator.engine.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;

import dev.dcf.generator.engine.SpecException;

/**
 * The target rate of a job over time (the generator contract's {@code PROFILE}, see
 * docs/generator.md): constant, a ramp, steps, or a daily curve. Immutable and
 * thread-safe.
 */
public interface LoadProfile {

	/** The environment variable the profile comes from, named by its errors. */
	String FIELD = "PROFILE";

	/**
	 * @param sinceStart time since the generator started, not negative
	 * @return the target rate then, in records per second, never negative
	 */
	double rateAt(Duration sinceStart);

	/**
	 * A profile that starts now by the given clock (a daily curve needs the time of day).
	 * @param text the profile, {@code null} or blank for constant
	 * @param baseRate the job's {@code RATE}
	 * @param clock the clock telling when the generator starts
	 * @return the profile
	 * @throws SpecException naming {@code PROFILE} if the text is not a profile
	 */
	static LoadProfile parse(String text, double baseRate, Clock clock) {
		return parse(text, baseRate, ZonedDateTime.now(clock));
	}

	/**
	 * A profile that starts now by the system clock in the system's time zone.
	 * @param text the profile, {@code null} or blank for constant
	 * @param baseRate the job's {@code RATE}
	 * @return the profile
	 * @throws SpecException naming {@code PROFILE} if the text is not a profile
	 */
	static LoadProfile parse(String text, double baseRate) {
		return parse(text, baseRate, Clock.systemDefaultZone());
	}

	/**
	 * @param text the profile, {@code null} or blank for constant
	 * @param baseRate the job's {@code RATE}
	 * @param start when the generator starts, in the zone of a daily curve's hours
	 * @return the profile
	 * @throws SpecException naming {@code PROFILE} if the text is not a profile
	 */
	static LoadProfile parse(String text, double baseRate, ZonedDateTime start) {
		return ProfileParser.parse(text, baseRate, start);
	}

}
