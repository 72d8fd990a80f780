package dev.dcf.generator.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.RecordGenerator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * A stand-in for the {@code sensor_readings} quickstart until the engine's quickstarts
 * are wired in {@link BuiltInSpecs}: readings of about 200 bytes as JSON, keyed by device
 * id, as Avro records ({@link #avro()}) or JSON-like maps ({@link #json()}).
 */
final class SensorReadingsSpec implements GeneratorSpec {

	static final Schema SCHEMA = new Schema.Parser().parse("""
			{"type": "record", "name": "SensorReading", "namespace": "dev.dcf.generator.quickstart",
			 "fields": [
			   {"name": "device_id", "type": "string"},
			   {"name": "sequence", "type": "long"},
			   {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
			   {"name": "temperature", "type": "double"},
			   {"name": "humidity", "type": "double"},
			   {"name": "pressure", "type": "double"},
			   {"name": "battery", "type": "int"},
			   {"name": "status", "type": "string"},
			   {"name": "site", "type": "string"},
			   {"name": "lat", "type": "double"},
			   {"name": "lon", "type": "double"}
			 ]}""");

	private static final String[] STATUSES = { "OK", "OK", "OK", "OK", "WARN", "LOW_BATTERY", "OFFLINE" };

	private static final String[] SITES = { "plant-north-07", "plant-south-02", "warehouse-east-11", "depot-west-04" };

	private final boolean avro;

	private SensorReadingsSpec(boolean avro) {
		this.avro = avro;
	}

	static SensorReadingsSpec avro() {
		return new SensorReadingsSpec(true);
	}

	static SensorReadingsSpec json() {
		return new SensorReadingsSpec(false);
	}

	@Override
	public Schema valueSchema() {
		return this.avro ? SCHEMA : null;
	}

	@Override
	public RecordGenerator generator(GeneratorContext context) {
		// not thread-safe, so no atomic update per draw (one generator per thread)
		SplittableRandom random = new SplittableRandom(context.containerSeed());
		return new RecordGenerator() {

			private long n;

			@Override
			public GeneratedRecord next() {
				long sequence = context.sequence(this.n++);
				String device = "sensor-" + (1000 + random.nextInt(9000));
				Object value = SensorReadingsSpec.this.avro ? record(random, device, sequence)
						: map(random, device, sequence);
				return new GeneratedRecord(sequence, device, value, Map.of());
			}

		};
	}

	private static GenericData.Record record(SplittableRandom random, String device, long sequence) {
		GenericData.Record record = new GenericData.Record(SCHEMA);
		Map<String, Object> fields = map(random, device, sequence);
		int i = 0;
		for (Object field : fields.values()) {
			record.put(i++, field);
		}
		return record;
	}

	private static Map<String, Object> map(SplittableRandom random, String device, long sequence) {
		Map<String, Object> fields = new LinkedHashMap<>(16);
		fields.put("device_id", device);
		fields.put("sequence", sequence);
		fields.put("ts", System.currentTimeMillis());
		fields.put("temperature", hundredths(21 + random.nextGaussian() * 4));
		fields.put("humidity", hundredths(30 + random.nextDouble() * 50));
		fields.put("pressure", hundredths(1013 + random.nextGaussian() * 6));
		fields.put("battery", random.nextInt(101));
		fields.put("status", STATUSES[random.nextInt(STATUSES.length)]);
		fields.put("site", SITES[random.nextInt(SITES.length)]);
		fields.put("lat", hundredThousandths(48.8 + random.nextDouble() * 0.2));
		fields.put("lon", hundredThousandths(2.3 + random.nextDouble() * 0.2));
		return fields;
	}

	private static double hundredths(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static double hundredThousandths(double value) {
		return Math.round(value * 100_000) / 100_000.0;
	}

}
