package dev.dcf.standalone.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, checked with Avro's own {@link SchemaCompatibility}.
 * BACKWARD: the new schema reads data written with the old one; FORWARD: the old schema
 * reads data written with the new one; FULL: both. Plain levels compare with the latest
 * version, transitive ones with every version.
 */
enum CompatibilityLevel {

	NONE(false, false, false), BACKWARD(true, false, false), BACKWARD_TRANSITIVE(true, false, true),
	FORWARD(false, true, false), FORWARD_TRANSITIVE(false, true, true), FULL(true, true, false),
	FULL_TRANSITIVE(true, true, true);

	private final boolean backward;

	private final boolean forward;

	private final boolean transitive;

	CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
		this.backward = backward;
		this.forward = forward;
		this.transitive = transitive;
	}

	/** Parses a level name, ignoring case; empty if it is not one. */
	static Optional<CompatibilityLevel> parse(String name) {
		if (name == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Checks {@code candidate} against {@code previous} (oldest first).
	 * @return one line per incompatibility found; empty when compatible
	 */
	List<String> check(Schema candidate, List<Schema> previous) {
		List<String> problems = new ArrayList<>();
		if (this == NONE || previous.isEmpty()) {
			return problems;
		}
		List<Schema> targets = this.transitive ? previous : List.of(previous.get(previous.size() - 1));
		for (Schema existing : targets) {
			if (this.backward) {
				describe("new schema cannot read data written with an old one", candidate, existing, problems);
			}
			if (this.forward) {
				describe("old schema cannot read data written with the new one", existing, candidate, problems);
			}
		}
		return problems;
	}

	private static void describe(String direction, Schema reader, Schema writer, List<String> problems) {
		SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader,
				writer);
		if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
			return;
		}
		for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
			problems.add("{" + direction + ": " + incompatibility.getType() + " at '" + incompatibility.getLocation()
					+ "': " + incompatibility.getMessage() + "}");
		}
	}

}
