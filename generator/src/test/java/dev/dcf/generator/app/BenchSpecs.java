package dev.dcf.generator.app;

/**
 * The spec of the benchmark and of tests that want JSON records of about 200 bytes: the
 * sensor readings as JSON-like maps, at a constant rate.
 */
final class BenchSpecs {

	private BenchSpecs() {
	}

	static SpecSource jsonReadings() {
		return (env, baseRate) -> new SpecSource.Loaded(SensorReadingsSpec.json(), Format.JSON,
				RateProfile.constant(baseRate));
	}

}
