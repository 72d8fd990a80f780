/**
 * Draining agents for maintenance (docs/usage.md, "Draining an agent"): an administrator
 * marks an agent draining, placement chooses it no more, and with {@code move} its
 * running jobs are moved to other agents one at a time.
 */
package dev.dcf.handler.drain;
