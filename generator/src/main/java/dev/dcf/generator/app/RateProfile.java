package dev.dcf.generator.app;

import java.time.Duration;

/**
 * The target rate over time ({@code RATE} shaped by {@code PROFILE}).
 */
@FunctionalInterface
interface RateProfile {

	/**
	 * Records per second at a point of the run; {@link Double#POSITIVE_INFINITY} means as
	 * fast as possible, 0 means pause.
	 * @param elapsed time since the generator started
	 * @return the rate, never negative
	 */
	double rateAt(Duration elapsed);

	static RateProfile constant(double rate) {
		return (elapsed) -> rate;
	}

}
