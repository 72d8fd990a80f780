package dev.dcf.schemes.registry;

import org.apache.avro.Schema;

/**
 * A schema as the registry stores it under a subject.
 *
 * @param subject the subject, e.g. {@code dcf.job-status-value}
 * @param version the version within the subject (1, 2, ...)
 * @param id the global schema id, as written into the Confluent wire format
 * @param schema the parsed schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
