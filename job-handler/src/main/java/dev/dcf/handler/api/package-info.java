/**
 * The REST API under {@code /api}: thin controllers over the job and agent services, JSON
 * views, and one exception handler that turns every error into an RFC 9457 problem.
 */
package dev.dcf.handler.api;
