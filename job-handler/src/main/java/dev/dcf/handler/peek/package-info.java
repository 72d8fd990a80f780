/**
 * Peek: the latest (or first) records of a topic, decoded for people to read, on the job
 * page and at {@code GET /api/jobs/{id}/records}. Reading is the port
 * {@link dev.dcf.handler.peek.TopicReader} (implemented in {@code messaging}: no consumer
 * group, nothing committed, the generators never notice); this package bounds the request
 * and finds the job's topic. See docs/handler-runtime.md, "Peek".
 */
package dev.dcf.handler.peek;
