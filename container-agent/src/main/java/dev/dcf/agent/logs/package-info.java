/**
 * Live container output on request: a LOGS instruction makes the agent follow one
 * container's output for a lease and send it in batches, bounded in rate, line length and
 * number of streams, on threads of its own (docs/design.md, "Container logs").
 */
package dev.dcf.agent.logs;
