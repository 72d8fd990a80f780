/**
 * Kafka serializer and deserializer for generated Avro records in the Confluent wire
 * format (magic byte 0, 4-byte big-endian schema id, Avro binary), subjects by
 * TopicNameStrategy.
 */
package dev.dcf.schemes.serde;
