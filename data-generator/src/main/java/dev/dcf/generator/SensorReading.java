package dev.dcf.generator;

import java.time.Instant;
import java.util.Locale;

/**
 * One reading of a simulated sensor, written as a JSON record keyed by
 * {@link #deviceId()}.
 *
 * @param deviceId device that took the reading (the record key)
 * @param timestamp when it was taken
 * @param temperature degrees Celsius
 * @param humidity relative humidity in percent
 * @param pressure air pressure in hPa
 * @param battery battery level in percent
 * @param sequence 1-based number of the record within this generator run
 */
record SensorReading(String deviceId, Instant timestamp, double temperature, double humidity, double pressure,
		double battery, long sequence) {

	/**
	 * The reading as one line of JSON. Device ids are generated
	 * ({@code sensor-<n>-<nn>}), so no string needs escaping.
	 */
	String toJson() {
		return String.format(Locale.ROOT,
				"{\"deviceId\":\"%s\",\"timestamp\":\"%s\",\"temperature\":%.2f,\"humidity\":%.2f,"
						+ "\"pressure\":%.2f,\"battery\":%.2f,\"sequence\":%d}",
				this.deviceId, this.timestamp, this.temperature, this.humidity, this.pressure, this.battery,
				this.sequence);
	}

}
