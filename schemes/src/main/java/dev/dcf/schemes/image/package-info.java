/**
 * The image a job runs, as the instruction carries it: one reference type for the
 * handler, which checks it, and the agent, which pulls and starts it.
 */
package dev.dcf.schemes.image;
