/**
 * Instructions to agents (CREATE, DELETE) through a transactional outbox: written in the
 * same transaction as the job change that calls for them, sent to Kafka afterwards by the
 * {@link dev.dcf.handler.instruction.OutboxRelay}, retried until the broker acknowledges
 * them.
 */
package dev.dcf.handler.instruction;
