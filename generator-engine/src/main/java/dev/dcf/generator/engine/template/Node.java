package dev.dcf.generator.engine.template;

/** A compiled part of a template: gives its value for the record being generated. */
@FunctionalInterface
interface Node {

	Object eval(Frame frame);

}
