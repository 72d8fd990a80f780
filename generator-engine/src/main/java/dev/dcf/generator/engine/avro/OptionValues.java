package dev.dcf.generator.engine.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns the JSON values of an {@code options} hint into Avro values of the node's schema
 * (strings for bytes and fixed, objects for records and maps, arrays for arrays).
 */
final class OptionValues {

	private OptionValues() {
	}

	/**
	 * @return the Avro value
	 * @throws IllegalArgumentException saying why the value does not fit
	 */
	static Object convert(Schema schema, Object json) {
		switch (schema.getType()) {
			case NULL:
				require(json == null, schema, json);
				return null;
			case BOOLEAN:
				require(json instanceof Boolean, schema, json);
				return json;
			case INT:
				require(isWhole(json) && ((Number) json).longValue() == ((Number) json).intValue(), schema, json);
				return ((Number) json).intValue();
			case LONG:
				require(isWhole(json), schema, json);
				return ((Number) json).longValue();
			case FLOAT:
				require(json instanceof Number, schema, json);
				return ((Number) json).floatValue();
			case DOUBLE:
				require(json instanceof Number, schema, json);
				return ((Number) json).doubleValue();
			case STRING:
				require(json instanceof String, schema, json);
				return json;
			case BYTES:
				require(json instanceof String, schema, json);
				return ByteBuffer.wrap(((String) json).getBytes(StandardCharsets.UTF_8));
			case FIXED: {
				require(json instanceof String, schema, json);
				byte[] bytes = ((String) json).getBytes(StandardCharsets.UTF_8);
				if (bytes.length != schema.getFixedSize()) {
					throw new IllegalArgumentException(
							"\"" + json + "\" is not " + schema.getFixedSize() + " bytes long");
				}
				return new GenericData.Fixed(schema, bytes);
			}
			case ENUM:
				require(json instanceof String && schema.getEnumSymbols().contains(json), schema, json);
				return new GenericData.EnumSymbol(schema, (String) json);
			case ARRAY: {
				require(json instanceof List, schema, json);
				List<?> items = (List<?>) json;
				GenericData.Array<Object> array = new GenericData.Array<>(items.size(), schema);
				for (Object item : items) {
					array.add(convert(schema.getElementType(), item));
				}
				return array;
			}
			case MAP: {
				require(json instanceof Map, schema, json);
				Map<String, Object> map = new LinkedHashMap<>();
				for (Map.Entry<?, ?> entry : ((Map<?, ?>) json).entrySet()) {
					map.put(entry.getKey().toString(), convert(schema.getValueType(), entry.getValue()));
				}
				return map;
			}
			case RECORD: {
				require(json instanceof Map, schema, json);
				Map<?, ?> object = (Map<?, ?>) json;
				GenericData.Record record = new GenericData.Record(schema);
				for (Schema.Field field : schema.getFields()) {
					if (object.containsKey(field.name())) {
						record.put(field.pos(), convert(field.schema(), object.get(field.name())));
					}
					else if (field.hasDefaultValue()) {
						record.put(field.pos(), GenericData.get().getDefaultValue(field));
					}
					else {
						throw new IllegalArgumentException(
								"field '" + field.name() + "' is missing and has no default");
					}
				}
				return record;
			}
			case UNION:
				for (Schema branch : schema.getTypes()) {
					try {
						return convert(branch, json);
					}
					catch (IllegalArgumentException ex) {
						// try the next branch
					}
				}
				throw new IllegalArgumentException(Hints.describe(json) + " fits no branch of " + schema);
			default:
				throw new IllegalArgumentException("unsupported type " + schema.getType());
		}
	}

	private static boolean isWhole(Object json) {
		return json instanceof Integer || json instanceof Long
				|| (json instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()));
	}

	private static void require(boolean ok, Schema schema, Object json) {
		if (!ok) {
			throw new IllegalArgumentException(Hints.describe(json) + " is not a valid " + schema.getType().getName());
		}
	}

}
