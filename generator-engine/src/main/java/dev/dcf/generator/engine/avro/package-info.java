/**
 * Avro schemas with the Avro Random Generator's {@code arg.properties} hints (Confluent
 * Datagen compatible), docs/generator.md:
 * {@link dev.dcf.generator.engine.avro.AvroSchemaSpec} parses a schema, checks its hints
 * and compiles it once into a tree of small generators; each container's generator then
 * only walks that tree with its own seeded random source.
 */
package dev.dcf.generator.engine.avro;
