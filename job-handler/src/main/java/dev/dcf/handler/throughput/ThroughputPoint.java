package dev.dcf.handler.throughput;

import java.time.Instant;

/**
 * The rate of a run between two samples.
 *
 * @param at when the later sample was taken
 * @param recordsPerSecond records per second since the previous sample
 * @param bytesPerSecond bytes per second since the previous sample; {@code null} if the
 * broker did not tell the sizes (or the log shrank: retention deleted a segment)
 */
public record ThroughputPoint(Instant at, double recordsPerSecond, Double bytesPerSecond) {
}
