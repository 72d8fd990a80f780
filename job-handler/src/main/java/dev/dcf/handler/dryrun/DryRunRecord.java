package dev.dcf.handler.dryrun;

import java.time.Instant;

/**
 * One record a dry run wrote, decoded by peek (raw text: whoever renders it escapes it).
 *
 * @param partition its partition
 * @param offset its offset
 * @param timestamp its timestamp
 * @param format how its value was read ({@code AVRO}, {@code JSON}, {@code TEXT},
 * {@code BINARY}, {@code NULL})
 * @param key the key, decoded; {@code null} if none
 * @param value the value, decoded
 * @param note why the value was not decoded better, or the Avro schema it was read with
 */
public record DryRunRecord(int partition, long offset, Instant timestamp, String format, String key, String value,
		String note) {

}
