package dev.dcf.handler.jobfile;

/**
 * One problem in a job file.
 *
 * @param field where, e.g. {@code jobs[1].containers}
 * @param line the 1-based line in the file, 0 if unknown
 * @param message what is wrong
 */
record JobFileViolation(String field, int line, String message) {
}
