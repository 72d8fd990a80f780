package dev.dcf.agent.logs;

/**
 * Where batches go (messaging sends them to {@code dcf.container-logs}). Must not block
 * for long: a batch that cannot be sent is lost, as live lines may be.
 */
public interface LogSink {

	void send(LogBatch batch);

}
