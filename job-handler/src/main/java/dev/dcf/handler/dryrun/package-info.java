/**
 * Dry runs (docs/usage.md, "Try a job before you submit it"): a job request tried for a
 * few seconds as one container on a healthy agent that placement would choose, writing to
 * a scratch topic that is deleted afterwards; the answer says whether it started, its
 * exit code, the records it wrote (the first ones decoded by {@code peek}) and the end of
 * its output. Nothing is stored: no job, no outbox entry, no event.
 */
package dev.dcf.handler.dryrun;
