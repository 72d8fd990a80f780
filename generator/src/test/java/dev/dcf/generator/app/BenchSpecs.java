package dev.dcf.generator.app;

import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.template.TemplateSpec;

/**
 * The spec of the benchmark: a real template of the engine giving sensor readings of
 * about 200 bytes of JSON, keyed by device id, at a constant rate.
 */
final class BenchSpecs {

	/** About 200 bytes a record once written as JSON. */
	static final String READINGS = """
			{"key": "{{$.value.deviceId}}",
			 "value": {"deviceId": "sensor-{{int(0, 99)}}", "timestamp": "{{now}}",
			           "temperature": "{{decimal(18, 26)}}", "humidity": "{{decimal(35, 60)}}",
			           "pressure": "{{decimal(995, 1030)}}", "battery": "{{decimal(5, 100)}}",
			           "status": "{{oneOf('ok', 'warn', 'fail')}}", "site": "{{oneOf('north', 'south', 'east')}}",
			           "reading": "{{uuid}}", "sequence": "{{seq}}"}}
			""";

	private BenchSpecs() {
	}

	static GeneratorSpec readingsTemplate() {
		return TemplateSpec.parse(READINGS);
	}

	static SpecSource jsonReadings() {
		GeneratorSpec spec = readingsTemplate();
		return (env, baseRate) -> new SpecSource.Loaded(spec, Format.JSON, RateProfile.constant(baseRate));
	}

}
