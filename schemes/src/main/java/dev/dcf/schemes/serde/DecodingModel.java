package dev.dcf.schemes.serde;

import java.util.ArrayList;

import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The data model the deserializer decodes with: the generated class's model (same class
 * loader, same logical-type conversions), except that Avro arrays become
 * {@link ArrayList}s.
 *
 * <p>
 * Avro's own {@code GenericData.Array} compares elements in {@code equals} through
 * {@code GenericData.get()}, a model without conversions, and throws "Unknown datum type
 * java.time.Instant" for a {@code ["null", timestamp-millis]} field such as
 * {@code ContainerInfo.startedAt}; with plain lists a decoded {@code JobStatus} compares
 * like any value. Avro's "fast reader" creates {@code GenericData.Array} regardless of
 * the model, so it is switched off here (the classic reader is as fast for messages of
 * this size).
 */
final class DecodingModel extends SpecificData {

	private DecodingModel(ClassLoader classLoader) {
		super(classLoader);
		setFastReaderEnabled(false);
	}

	static DecodingModel forType(Class<?> type) {
		DecodingModel model = new DecodingModel(type.getClassLoader());
		for (Conversion<?> conversion : SpecificData.getForClass(type).getConversions()) {
			model.addLogicalTypeConversion(conversion);
		}
		return model;
	}

	@Override
	public Object newArray(Object old, int size, Schema schema) {
		return new ArrayList<>(size);
	}

}
