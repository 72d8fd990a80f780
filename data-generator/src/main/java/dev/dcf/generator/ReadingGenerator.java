package dev.dcf.generator;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Random;

/**
 * Produces plausible sensor readings: each device starts from its own random baseline and
 * drifts in small random steps; devices take turns (round robin), so every key gets the
 * same share of records. Deterministic for a given seed, device count and clock. Not
 * thread-safe.
 */
final class ReadingGenerator {

	private final Clock clock;

	private final Random random;

	private final Device[] devices;

	private long sequence;

	ReadingGenerator(long seed, int deviceCount, int containerIndex, Clock clock) {
		if (deviceCount < 1) {
			throw new IllegalArgumentException("deviceCount must be at least 1, got " + deviceCount);
		}
		this.clock = clock;
		this.random = new Random(seed);
		this.devices = new Device[deviceCount];
		for (int i = 0; i < deviceCount; i++) {
			String id = String.format(Locale.ROOT, "sensor-%d-%02d", containerIndex, i + 1);
			this.devices[i] = new Device(id, between(18, 26), between(35, 65), between(995, 1025), between(60, 100));
		}
	}

	SensorReading next() {
		Device device = this.devices[(int) (this.sequence % this.devices.length)];
		this.sequence++;
		device.temperature = clamp(device.temperature + step(0.2), -40, 85);
		device.humidity = clamp(device.humidity + step(0.5), 0, 100);
		device.pressure = clamp(device.pressure + step(0.3), 950, 1050);
		device.battery -= between(0.01, 0.05);
		if (device.battery < 5) {
			// battery swapped
			device.battery = 100;
		}
		return new SensorReading(device.id, this.clock.instant().truncatedTo(ChronoUnit.MILLIS),
				round2(device.temperature), round2(device.humidity), round2(device.pressure), round2(device.battery),
				this.sequence);
	}

	private double step(double maxStep) {
		return (this.random.nextDouble() * 2 - 1) * maxStep;
	}

	private double between(double min, double max) {
		return min + this.random.nextDouble() * (max - min);
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

	private static double round2(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static final class Device {

		private final String id;

		private double temperature;

		private double humidity;

		private double pressure;

		private double battery;

		Device(String id, double temperature, double humidity, double pressure, double battery) {
			this.id = id;
			this.temperature = temperature;
			this.humidity = humidity;
			this.pressure = pressure;
			this.battery = battery;
		}

	}

}
