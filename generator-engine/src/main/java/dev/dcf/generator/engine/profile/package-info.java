/**
 * Load profiles (the generator contract's {@code PROFILE}, docs/generator.md): the target
 * rate over time since the start (constant, ramp, steps, daily curve).
 */
package dev.dcf.generator.engine.profile;
