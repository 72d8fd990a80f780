/**
 * The Kafka edge, the only package with Kafka and Avro types: the schemes serde against
 * the schema registry, one listener per management topic (mapping wire records to domain
 * records), the instruction sender, the one error handler with its dead-letter topics,
 * and Kafka's health.
 */
package dev.dcf.handler.messaging;
