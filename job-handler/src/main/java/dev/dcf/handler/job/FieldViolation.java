package dev.dcf.handler.job;

/**
 * One problem with one field of a request, for people.
 *
 * @param field the JSON path of the field, e.g. {@code image}, {@code command[2]},
 * {@code env[FOO]}
 * @param message what is wrong
 */
public record FieldViolation(String field, String message) {
}
