package dev.dcf.handler.peek;

import java.time.Instant;
import java.util.List;

/**
 * One record of a topic as shown by peek.
 *
 * @param partition the partition
 * @param offset its offset in the partition
 * @param timestamp the record's timestamp (create or log-append time)
 * @param key the key, decoded
 * @param headers the headers in their order
 * @param value the value, decoded
 */
public record PeekedRecord(int partition, long offset, Instant timestamp, PeekedBytes key, List<PeekedHeader> headers,
		PeekedBytes value) {

	public PeekedRecord {
		headers = List.copyOf(headers);
	}

}
