package dev.dcf.generator;

/**
 * Where the rate loop sends readings. Sending may be asynchronous; failures are the
 * sink's to count.
 */
interface RecordSink {

	void send(SensorReading reading);

}
