/**
 * Kafka plumbing shared by the handler and the agent, as a Spring Boot auto-configuration
 * ({@link dev.dcf.messaging.MessagingAutoConfiguration}). Generated Avro classes and
 * Kafka types stay here and in the apps' own {@code messaging} packages.
 */
package dev.dcf.messaging;
