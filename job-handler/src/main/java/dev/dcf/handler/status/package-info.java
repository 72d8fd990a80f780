/**
 * Observations in, decisions here: applies what agents report (job reports and
 * heartbeats) to jobs and agents. Agents say what they saw; this package decides what the
 * job becomes, which stale reports to ignore, and which containers must go.
 */
package dev.dcf.handler.status;
