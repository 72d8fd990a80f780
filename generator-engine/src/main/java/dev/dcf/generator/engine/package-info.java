/**
 * The built-in generator's engine (docs/generator.md): what to generate is a
 * {@link dev.dcf.generator.engine.GeneratorSpec} (a JSON template, an Avro schema with
 * hints, or a quickstart); each container turns it into a
 * {@link dev.dcf.generator.engine.RecordGenerator} for its
 * {@link dev.dcf.generator.engine.GeneratorContext}, which yields the records of its part
 * of the job's sequence, the same ones for the same seed. Plain Java: no Spring, no
 * Kafka; encoding a record for the wire is the caller's business.
 */
package dev.dcf.generator.engine;
