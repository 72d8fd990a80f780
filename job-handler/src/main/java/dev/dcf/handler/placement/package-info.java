/**
 * Placement: which agent takes a deploying job. A pure choice
 * ({@link dev.dcf.handler.placement.Placement}) over snapshots of the agents, run
 * periodically and whenever a job starts deploying or an agent becomes healthy.
 */
package dev.dcf.handler.placement;
