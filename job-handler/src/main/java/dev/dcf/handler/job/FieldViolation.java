package dev.dcf.handler.job;

/**
 * One problem with one field of a request, for people.
 *
 * @param field the JSON path of the field, e.g. {@code image}, {@code command[2]},
 * {@code env[FOO]}
 * @param message what is wrong
 * @param part for an entry of a map ({@code env[FOO]}, {@code agentLabels[zone]}):
 * whether its name or its value is wrong; {@code null} otherwise. Not part of the API's
 * answer (the message says it); forms use it to mark the right input.
 */
public record FieldViolation(String field, String message, Part part) {

	/**
	 * A violation of a whole field.
	 * @param field the JSON path of the field
	 * @param message what is wrong
	 */
	public FieldViolation(String field, String message) {
		this(field, message, null);
	}

	/** Which part of a map entry is wrong. */
	public enum Part {

		/** The entry's name (key). */
		NAME,

		/** The entry's value. */
		VALUE

	}

}
