/**
 * The {@code dcf/generator} image's application (docs/generator.md, "The image"): reads
 * the generator contract from the environment, makes this container's
 * {@link dev.dcf.generator.engine.RecordGenerator} of the spec, encodes its records
 * (JSON, string, or Avro in the Confluent wire format) and writes them to Kafka at the
 * rate of a load profile, until {@code MAX_RECORDS} or SIGTERM. Where the spec comes from
 * is {@link dev.dcf.generator.app.SpecSource}; the built-in one is
 * {@link dev.dcf.generator.app.BuiltInSpecs}.
 */
package dev.dcf.generator.app;
