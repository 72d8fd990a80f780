/**
 * Embedded infrastructure for standalone runs and tests: a real in-process KRaft Kafka
 * broker ({@link dev.dcf.standalone.embedded.EmbeddedKafka}) and a Confluent-compatible
 * schema registry stored in Kafka
 * ({@link dev.dcf.standalone.embedded.EmbeddedSchemaRegistry}). No Spring.
 */
package dev.dcf.standalone.embedded;
