package dev.dcf.schemes;

import org.apache.avro.Conversion;

/**
 * A hook, not a conversion: Avro's {@code GenericData} loads every {@link Conversion}
 * listed in {@code META-INF/services/org.apache.avro.Conversion} each time a data model
 * is created, and every generated class creates one when it is loaded. Creating this
 * instance installs {@link AvroClassTrust}, so generated classes work before anything
 * else of DCF ran.
 *
 * <p>
 * Its logical type name is used by no schema, so it never converts anything.
 */
public final class AvroClassTrustConversion extends Conversion<Object> {

	/** A logical type name no schema uses. */
	public static final String LOGICAL_TYPE_NAME = "dev.dcf.class-trust-hook";

	public AvroClassTrustConversion() {
		AvroClassTrust.install();
	}

	@Override
	public Class<Object> getConvertedType() {
		return Object.class;
	}

	@Override
	public String getLogicalTypeName() {
		return LOGICAL_TYPE_NAME;
	}

}
