package dev.dcf.schemes.serde;

import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Describes why a writer schema cannot be read, naming fields
 * ({@code containers[].state}) rather than Avro's JSON-pointer locations
 * ({@code /fields/7/type/items/fields/5/type}).
 */
final class Incompatibilities {

	private Incompatibilities() {
	}

	static String describe(Schema reader, SchemaPairCompatibility compatibility) {
		return compatibility.getResult()
			.getIncompatibilities()
			.stream()
			.limit(3)
			.map((incompatibility) -> incompatibility.getType() + " at "
					+ fieldPath(reader, incompatibility.getLocation()) + ": " + incompatibility.getMessage())
			.collect(Collectors.joining("; "));
	}

	/**
	 * Field path of a location in the reader schema, or the location itself if it cannot
	 * be followed.
	 */
	static String fieldPath(Schema reader, String location) {
		Schema schema = reader;
		StringBuilder path = new StringBuilder();
		String[] segments = location.split("/");
		for (int i = 1; i < segments.length; i++) {
			String segment = segments[i];
			if (segment.equals("type")) {
				continue;
			}
			if (segment.equals("fields") && schema.getType() == Schema.Type.RECORD && i + 1 < segments.length) {
				int index = index(segments[++i], schema.getFields().size());
				if (index < 0) {
					return location;
				}
				Schema.Field field = schema.getFields().get(index);
				path.append((path.length() > 0) ? "." : "").append(field.name());
				schema = field.schema();
			}
			else if (segment.equals("items") && schema.getType() == Schema.Type.ARRAY) {
				path.append("[]");
				schema = schema.getElementType();
			}
			else if (segment.equals("values") && schema.getType() == Schema.Type.MAP) {
				path.append("{}");
				schema = schema.getValueType();
			}
			else if (schema.getType() == Schema.Type.UNION && index(segment, schema.getTypes().size()) >= 0) {
				schema = schema.getTypes().get(index(segment, schema.getTypes().size()));
			}
			else if (!segment.equals("symbols") && !segment.equals("name") && !segment.equals("size")) {
				return location;
			}
		}
		return (path.length() > 0) ? "field " + path : location;
	}

	private static int index(String segment, int size) {
		try {
			int index = Integer.parseInt(segment);
			return (index >= 0 && index < size) ? index : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
