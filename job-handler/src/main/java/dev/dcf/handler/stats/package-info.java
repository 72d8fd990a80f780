/**
 * Live resource use of the running containers (CPU %, memory against its limit, network
 * bytes out), as their agents sample it and report it in each heartbeat. Kept in memory
 * only, newest sample per container: each heartbeat replaces its agent's samples, a
 * container that is gone (or whose agent is LOST) loses its sample. Read by the pages,
 * the API and the metrics; pushed to browsers through
 * {@link dev.dcf.handler.stats.StatsReported} events.
 */
package dev.dcf.handler.stats;
