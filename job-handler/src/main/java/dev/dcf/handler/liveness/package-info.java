/**
 * Liveness: agents that stop heartbeating become LOST, and so do their active jobs — but
 * only on evidence (the handler can see heartbeats) and not when most agents fall silent
 * at once (the mass-silence brake).
 */
package dev.dcf.handler.liveness;
