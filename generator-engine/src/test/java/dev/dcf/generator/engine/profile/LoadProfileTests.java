package dev.dcf.generator.engine.profile;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.dcf.generator.engine.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadProfileTests {

	private static final ZonedDateTime MIDNIGHT = ZonedDateTime.of(2026, 12, 6, 0, 0, 0, 0, ZoneId.of("Europe/Paris"));

	private static LoadProfile parse(String text) {
		return LoadProfile.parse(text, 100, MIDNIGHT);
	}

	private static Duration s(double seconds) {
		return Duration.ofMillis(Math.round(seconds * 1000));
	}

	@Test
	void noProfileIsTheConstantBaseRate() {
		assertThat(parse(null).rateAt(s(0))).isEqualTo(100);
		assertThat(parse(" ").rateAt(s(3600))).isEqualTo(100);
		assertThat(parse("constant").rateAt(s(10))).isEqualTo(100);
		assertThat(parse("constant:2.5").rateAt(s(10))).isEqualTo(2.5);
	}

	@Test
	void aRampRisesLinearlyThenHolds() {
		LoadProfile ramp = parse("ramp:10->1000:5m");
		assertThat(ramp.rateAt(s(0))).isEqualTo(10);
		assertThat(ramp.rateAt(s(150))).isCloseTo(505, within(1e-9));
		assertThat(ramp.rateAt(s(300))).isEqualTo(1000);
		assertThat(ramp.rateAt(s(10_000))).isEqualTo(1000);
	}

	@Test
	void aRampMayFallAndUsePercentagesOfTheBaseRate() {
		LoadProfile ramp = parse("ramp: 200% -> 50% : 10s");
		assertThat(ramp.rateAt(s(0))).isEqualTo(200);
		assertThat(ramp.rateAt(s(5))).isCloseTo(125, within(1e-9));
		assertThat(ramp.rateAt(s(20))).isEqualTo(50);
	}

	@Test
	void stepsKeepTheBaseRateUntilTheFirstStep() {
		LoadProfile steps = parse("steps:500@1m,1000@2m,0@1h");
		assertThat(steps.rateAt(s(59.9))).isEqualTo(100);
		assertThat(steps.rateAt(s(60))).isEqualTo(500);
		assertThat(steps.rateAt(s(119))).isEqualTo(500);
		assertThat(steps.rateAt(s(120))).isEqualTo(1000);
		assertThat(steps.rateAt(s(7200))).isEqualTo(0);
	}

	@Test
	void aDailyCurveInterpolatesBetweenHoursAndWrapsAroundMidnight() {
		LoadProfile daily = parse("daily:8=200,12=600,20=100");
		assertThat(daily.rateAt(s(8 * 3600))).isCloseTo(200, within(1e-9));
		assertThat(daily.rateAt(s(10 * 3600))).isCloseTo(400, within(1e-9));
		assertThat(daily.rateAt(s(16 * 3600))).isCloseTo(350, within(1e-9));
		// from 20:00 (100) to 08:00 the next day (200): 12 hours
		assertThat(daily.rateAt(s(2 * 3600))).isCloseTo(150, within(1e-9));
		assertThat(daily.rateAt(s(26 * 3600))).isCloseTo(150, within(1e-9));
	}

	@Test
	void aDailyCurveStartsAtTheTimeOfDayOfTheStart() {
		ZonedDateTime tenOClock = MIDNIGHT.withHour(10).withMinute(30);
		LoadProfile daily = LoadProfile.parse("daily:10=100,11:30=400", 1, tenOClock);
		assertThat(daily.rateAt(s(0))).isCloseTo(200, within(1e-9));
		assertThat(daily.rateAt(s(1800))).isCloseTo(300, within(1e-9));
	}

	@Test
	void aDailyCurveMayNameTheZoneOfItsHours() {
		// MIDNIGHT in Paris is 23:00 UTC (winter)
		LoadProfile daily = parse("daily@UTC:22=100,23=200,0=300");
		assertThat(daily.rateAt(s(0))).isCloseTo(200, within(1e-9));
		assertThat(daily.rateAt(s(1800))).isCloseTo(250, within(1e-9));
		assertThatThrownBy(() -> parse("daily@Mars/Base:1=2")).isInstanceOfSatisfying(SpecException.class,
				(ex) -> assertThat(ex.getMessage()).contains("'Mars/Base' is not a time zone"));
	}

	@Test
	void aDailyCurveOfOnePointIsConstant() {
		assertThat(parse("daily:6=42").rateAt(s(12345))).isEqualTo(42);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sine:1", "ramp:10:5m", "ramp:10->20", "ramp:10->x:5m", "ramp:10->20:0s", "ramp:-5->20:1m",
			"ramp:10->20:5 minutes", "steps:", "steps:100", "steps:100@2m,200@1m", "steps:100@-1m",
			"steps:100@1m,,200@2m", "daily:", "daily:24=10", "daily:8", "daily:8=1,8=2", "daily:8:75=1", "daily:x=1",
			"constant:-1", "constant:NaN" })
	void aBadProfileIsAnErrorNamingProfile(String text) {
		assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(SpecException.class, (ex) -> {
			assertThat(ex.field()).isEqualTo("PROFILE");
			assertThat(ex.getMessage()).isNotBlank();
		});
	}

	@Test
	void errorsSayWhatIsExpected() {
		assertThatThrownBy(() -> parse("ramp:10->20")).hasMessageContaining("ramp:<from>-><to>:<duration>");
		assertThatThrownBy(() -> parse("steps:100@2m,200@1m")).hasMessageContaining("increasing time order");
		assertThatThrownBy(() -> parse("wave")).hasMessageContaining("unknown profile 'wave'");
	}

	@Test
	void aNegativeBaseRateIsAnErrorNamingRate() {
		assertThatThrownBy(() -> LoadProfile.parse(null, -1, MIDNIGHT)).isInstanceOfSatisfying(SpecException.class,
				(ex) -> assertThat(ex.field()).isEqualTo("RATE"));
	}

}
