package dev.dcf.generator.engine.avro;

import java.util.Map;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.avro.Schema;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.generic.GenericRecord;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.GeneratorSpec;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

/**
 * An Avro schema with the Avro Random Generator's {@code arg.properties} hints (the ones
 * Confluent's Datagen connector uses), compiled once: values are {@link GenericRecord}s
 * (or other Avro values for a non-record schema) valid against the schema; keys are the
 * string form of the key field's value, or {@code null} without a key field. Immutable:
 * one spec serves any number of containers and threads (values drawn from {@code options}
 * are shared between records: do not change them).
 */
public final class AvroSchemaSpec implements GeneratorSpec {

	/** Where parse errors are reported: the variable of the generator contract. */
	public static final String SCHEMA_FIELD = "GENERATOR_SCHEMA";

	/** Where an unknown key field is reported. */
	public static final String KEY_FIELD = "GENERATOR_KEY_FIELD";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
		.enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
		.build();

	private final Schema schema;

	private final Node root;

	private final int counters;

	private final int keyPosition;

	private final String keyField;

	private AvroSchemaSpec(Schema schema, Node root, int counters, int keyPosition, String keyField) {
		this.schema = schema;
		this.root = root;
		this.counters = counters;
		this.keyPosition = keyPosition;
		this.keyField = keyField;
	}

	/**
	 * Parses and compiles a schema with hints. Comments ({@code //}, as in some of
	 * Datagen's schemas) are allowed.
	 * @param schemaJson the schema
	 * @param keyField the top-level field whose value (as a string) is the key, or
	 * {@code null} (or blank) for no key
	 * @return the spec
	 * @throws SpecException if the schema does not parse, a hint is unknown or wrong, or
	 * the key field is not a field of the record
	 */
	public static AvroSchemaSpec parse(String schemaJson, String keyField) {
		if (schemaJson == null || schemaJson.isBlank()) {
			throw new SpecException(SCHEMA_FIELD, "the schema is empty");
		}
		JsonNode tree;
		try (JsonParser parser = JSON.createParser(schemaJson)) {
			tree = JSON.readTree(parser);
			if (parser.nextToken() != null) {
				JsonLocation at = parser.currentTokenLocation();
				throw new SpecException(SCHEMA_FIELD, at.getLineNr(), at.getColumnNr(),
						"unexpected content after the schema");
			}
		}
		catch (JsonProcessingException ex) {
			JsonLocation at = ex.getLocation();
			throw new SpecException(SCHEMA_FIELD, (at != null) ? Math.max(at.getLineNr(), 1) : 1,
					(at != null) ? Math.max(at.getColumnNr(), 1) : 1, "not JSON: " + ex.getOriginalMessage());
		}
		catch (java.io.IOException ex) {
			throw new SpecException(SCHEMA_FIELD, 1, 1, "not JSON: " + ex.getMessage());
		}
		Schema schema;
		try {
			schema = new Schema.Parser().parse(tree.toString());
		}
		catch (AvroRuntimeException | NullPointerException | IllegalArgumentException ex) {
			throw new SpecException(SCHEMA_FIELD, "not a valid Avro schema: " + ex.getMessage());
		}
		return of(schema, keyField);
	}

	/**
	 * Compiles a parsed schema with hints.
	 * @param schema the schema
	 * @param keyField the key field, or {@code null}
	 * @return the spec
	 */
	public static AvroSchemaSpec of(Schema schema, String keyField) {
		int keyPosition = -1;
		if (keyField != null && !keyField.isBlank()) {
			Schema.Field field = (schema.getType() == Schema.Type.RECORD) ? schema.getField(keyField.trim()) : null;
			if (field == null) {
				throw new SpecException(KEY_FIELD, "'" + keyField + "' is not a field of the schema's top-level record"
						+ ((schema.getType() == Schema.Type.RECORD) ? " (fields: "
								+ String.join(", ", schema.getFields().stream().map(Schema.Field::name).toList()) + ")"
								: ""));
			}
			keyPosition = field.pos();
		}
		NodeCompiler compiler = new NodeCompiler();
		Node root = compiler.compile(schema);
		return new AvroSchemaSpec(schema, root, compiler.counters(), keyPosition,
				(keyPosition >= 0) ? keyField.trim() : null);
	}

	@Override
	public RecordGenerator generator(GeneratorContext context) {
		return new Generator(context);
	}

	@Override
	public Schema valueSchema() {
		return this.schema;
	}

	/**
	 * The field whose value is the key.
	 * @return its name, or {@code null} when records have no key
	 */
	public String keyField() {
		return this.keyField;
	}

	private final class Generator implements RecordGenerator {

		private final Run run;

		private long n;

		Generator(GeneratorContext context) {
			this.run = new Run(context, AvroSchemaSpec.this.counters);
		}

		@Override
		public GeneratedRecord next() {
			long sequence = this.run.context.sequence(this.n++);
			Object value = AvroSchemaSpec.this.root.next(this.run);
			Object key = null;
			if (AvroSchemaSpec.this.keyPosition >= 0) {
				Object keyValue = ((GenericRecord) value).get(AvroSchemaSpec.this.keyPosition);
				key = (keyValue != null) ? keyValue.toString() : null;
			}
			return new GeneratedRecord(sequence, key, value, Map.of());
		}

	}

}
