/**
 * JSON templates with {@code {{expressions}}} (docs/generator.md):
 * {@link dev.dcf.generator.engine.template.TemplateSpec#parse(String, java.time.Clock)}
 * parses and checks a template once into a tree of nodes; each container's generator
 * evaluates the tree per record with its own seeded random source and the record's "now".
 * Values are JSON-like and may share unmodifiable literal parts between records: do not
 * modify them.
 */
package dev.dcf.generator.engine.template;
