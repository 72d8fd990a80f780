/**
 * Liveness: agents that stop heartbeating become LOST, and so do their active jobs.
 */
package dev.dcf.handler.liveness;
