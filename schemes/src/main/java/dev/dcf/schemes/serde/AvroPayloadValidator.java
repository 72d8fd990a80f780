package dev.dcf.schemes.serde;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.avro.Schema;

/**
 * Checks that bytes are a well-formed Avro binary encoding of one writer schema before
 * Avro decodes them.
 *
 * <p>
 * Avro trusts the lengths it reads: a string claiming 2 GB or an array block claiming a
 * billion items makes it allocate that much before it notices the bytes are missing. This
 * walker reads every varint, length, count, enum and union index without allocating, and
 * refuses any length or count that cannot fit in the bytes remaining, given the minimum
 * encoded size of one item. Items that may encode to zero bytes (null, empty records) are
 * capped at {@value #MAX_ZERO_SIZE_ITEMS} per payload, nesting at {@value #MAX_DEPTH}
 * levels. So the walk, and the decode after it, take time and memory linear in the
 * payload. It does not rely on Avro's global system-property limits.
 *
 * <p>
 * Immutable and thread-safe once built; build one per writer schema and reuse it.
 */
final class AvroPayloadValidator {

	static final int MAX_DEPTH = 100;

	static final int MAX_ZERO_SIZE_ITEMS = 10_000;

	private final Schema writer;

	/** Lower bound of the encoded size of each (sub)schema, by identity. */
	private final Map<Schema, Integer> minSizes = new IdentityHashMap<>();

	AvroPayloadValidator(Schema writer) {
		this.writer = writer;
		minSize(writer, Collections.newSetFromMap(new IdentityHashMap<>()));
	}

	/**
	 * Walks {@code data[offset, offset+length)} as one datum of the writer schema.
	 * @throws InvalidPayloadException if the bytes are malformed, truncated, or have
	 * trailing bytes
	 */
	void validate(byte[] data, int offset, int length) throws InvalidPayloadException {
		Walk walk = new Walk(data, offset, offset + length);
		walk.value(this.writer, 0);
		if (walk.pos != walk.end) {
			throw new InvalidPayloadException((walk.end - walk.pos) + " trailing bytes after the "
					+ this.writer.getFullName() + " datum ended at byte " + (walk.pos - offset));
		}
	}

	private int minSize(Schema schema, Set<Schema> inProgress) {
		Integer known = this.minSizes.get(schema);
		if (known != null) {
			return known;
		}
		if (!inProgress.add(schema)) {
			return 0; // recursive type: 0 is a safe lower bound
		}
		long size = switch (schema.getType()) {
			case NULL -> 0;
			case BOOLEAN, INT, LONG, STRING, BYTES, ENUM -> 1;
			case FLOAT -> 4;
			case DOUBLE -> 8;
			case FIXED -> schema.getFixedSize();
			case ARRAY -> {
				minSize(schema.getElementType(), inProgress);
				yield 1;
			}
			case MAP -> {
				minSize(schema.getValueType(), inProgress);
				yield 1;
			}
			case UNION -> {
				long smallest = Integer.MAX_VALUE;
				for (Schema branch : schema.getTypes()) {
					smallest = Math.min(smallest, minSize(branch, inProgress));
				}
				yield 1 + smallest;
			}
			case RECORD -> {
				long sum = 0;
				for (Schema.Field field : schema.getFields()) {
					sum += minSize(field.schema(), inProgress);
				}
				yield sum;
			}
		};
		inProgress.remove(schema);
		int result = (int) Math.min(size, Integer.MAX_VALUE);
		this.minSizes.put(schema, result);
		return result;
	}

	/** One pass over one payload; not shared between threads. */
	private final class Walk {

		private final byte[] data;

		private final int start;

		private final int end;

		private int pos;

		private long zeroSizeItems;

		Walk(byte[] data, int start, int end) {
			this.data = data;
			this.start = start;
			this.end = end;
			this.pos = start;
		}

		void value(Schema schema, int depth) throws InvalidPayloadException {
			if (depth > MAX_DEPTH) {
				throw fail("nesting deeper than " + MAX_DEPTH + " levels");
			}
			switch (schema.getType()) {
				case NULL -> {
				}
				case BOOLEAN -> {
					int b = nextByte("boolean") & 0xff;
					if (b > 1) {
						throw fail("boolean byte " + b + " at byte " + (this.pos - 1 - this.start));
					}
				}
				case INT -> readInt("int");
				case LONG -> readLong("long");
				case FLOAT -> skip(4, "float");
				case DOUBLE -> skip(8, "double");
				case STRING, BYTES -> skip(length(schema.getType().getName()), schema.getType().getName());
				case FIXED -> skip(schema.getFixedSize(), "fixed " + schema.getFullName());
				case ENUM -> index(schema.getEnumSymbols().size(), "enum " + schema.getFullName());
				case UNION -> value(schema.getTypes().get(index(schema.getTypes().size(), "union")), depth + 1);
				case RECORD -> {
					for (Schema.Field field : schema.getFields()) {
						value(field.schema(), depth + 1);
					}
				}
				case ARRAY -> blocks(schema.getElementType(), false, depth);
				case MAP -> blocks(schema.getValueType(), true, depth);
			}
		}

		/**
		 * Array or map blocks: count (negative: then byte size), items; a count of 0
		 * ends.
		 */
		private void blocks(Schema item, boolean map, int depth) throws InvalidPayloadException {
			String kind = map ? "map" : "array";
			long itemMin = AvroPayloadValidator.this.minSizes.get(item) + (map ? 1L : 0L);
			while (true) {
				int blockAt = this.pos - this.start;
				long count = readLong(kind + " block count");
				if (count == 0) {
					return;
				}
				long byteSize = -1;
				if (count < 0) {
					if (count == Long.MIN_VALUE) {
						throw fail(kind + " block count out of range at byte " + blockAt);
					}
					count = -count;
					byteSize = readLong(kind + " block size");
					if (byteSize < 0 || byteSize > remaining()) {
						throw fail(kind + " block at byte " + blockAt + " claims " + byteSize + " bytes but "
								+ remaining() + " remain");
					}
				}
				if (itemMin == 0) {
					this.zeroSizeItems += count;
					if (this.zeroSizeItems > MAX_ZERO_SIZE_ITEMS) {
						throw fail(kind + " block at byte " + blockAt + " claims " + count
								+ " zero-size items, more than the limit of " + MAX_ZERO_SIZE_ITEMS);
					}
				}
				else if (count > remaining() / itemMin) {
					throw fail(kind + " block at byte " + blockAt + " claims " + count + " items of at least " + itemMin
							+ " bytes but " + remaining() + " bytes remain");
				}
				int itemsStart = this.pos;
				for (long i = 0; i < count; i++) {
					if (map) {
						skip(length("map key"), "map key");
					}
					value(item, depth + 1);
				}
				if (byteSize >= 0 && this.pos - itemsStart != byteSize) {
					throw fail(kind + " block at byte " + blockAt + " claims " + byteSize + " bytes but its items take "
							+ (this.pos - itemsStart));
				}
			}
		}

		private long length(String what) throws InvalidPayloadException {
			int at = this.pos - this.start;
			long length = readLong(what + " length");
			if (length < 0 || length > remaining()) {
				throw fail(what + " at byte " + at + " claims " + length + " bytes but " + remaining() + " remain");
			}
			return length;
		}

		private int index(int size, String what) throws InvalidPayloadException {
			int at = this.pos - this.start;
			int index = readInt(what + " index");
			if (index < 0 || index >= size) {
				throw fail(what + " index " + index + " at byte " + at + " is out of range [0, " + size + ")");
			}
			return index;
		}

		private int readInt(String what) throws InvalidPayloadException {
			long raw = varint(5, what);
			if (raw > 0xFFFF_FFFFL) {
				throw fail("malformed " + what + " varint at byte " + (this.pos - this.start));
			}
			int n = (int) raw;
			return (n >>> 1) ^ -(n & 1);
		}

		private long readLong(String what) throws InvalidPayloadException {
			long raw = varint(10, what);
			return (raw >>> 1) ^ -(raw & 1);
		}

		/** Unsigned little-endian base-128 varint of at most {@code maxBytes} bytes. */
		private long varint(int maxBytes, String what) throws InvalidPayloadException {
			long value = 0;
			for (int i = 0; i < maxBytes; i++) {
				int b = nextByte(what) & 0xff;
				value |= (long) (b & 0x7f) << (7 * i);
				if ((b & 0x80) == 0) {
					return value;
				}
			}
			throw fail("malformed " + what + " varint (more than " + maxBytes + " bytes) at byte "
					+ (this.pos - this.start));
		}

		private byte nextByte(String what) throws InvalidPayloadException {
			if (remaining() < 1) {
				throw truncated(what);
			}
			return this.data[this.pos++];
		}

		private void skip(long count, String what) throws InvalidPayloadException {
			if (count > remaining()) {
				throw truncated(what);
			}
			this.pos += (int) count;
		}

		private int remaining() {
			return this.end - this.pos;
		}

		private InvalidPayloadException truncated(String what) {
			return fail("truncated: " + what + " at byte " + (this.pos - this.start) + " runs past the end of the "
					+ (this.end - this.start) + "-byte payload");
		}

		private InvalidPayloadException fail(String message) {
			return new InvalidPayloadException(message);
		}

	}

}
