package dev.dcf.generator.engine.avro;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import dev.dcf.generator.engine.RegexString;

/** The nodes of values: primitives, strings, bytes and the complex types. */
final class ValueNodes {

	private ValueNodes() {
	}

	static final class Constant extends Node {

		private final Object value;

		Constant(Object value) {
			this.value = value;
		}

		@Override
		Object next(Run run) {
			return this.value;
		}

	}

	static final class Options extends Node {

		private final Object[] options;

		private final boolean bytes;

		Options(List<Object> options, boolean bytes) {
			this.options = options.toArray();
			this.bytes = bytes;
		}

		@Override
		Object next(Run run) {
			Object option = this.options[run.random.nextInt(this.options.length)];
			// a buffer's position is state: each record gets its own view
			return this.bytes ? ((ByteBuffer) option).duplicate() : option;
		}

	}

	static final class Bool extends Node {

		private final double odds;

		Bool(double odds) {
			this.odds = odds;
		}

		@Override
		Object next(Run run) {
			return (this.odds < 0) ? run.random.nextBoolean() : run.random.nextDouble() < this.odds;
		}

	}

	static final class IntRange extends Node {

		private final int min;

		private final long bound;

		/** Values in {@code [min, bound)}. */
		IntRange(int min, long bound) {
			this.min = min;
			this.bound = bound;
		}

		@Override
		Object next(Run run) {
			return (int) run.random.nextLong(this.min, this.bound);
		}

	}

	static final class LongRange extends Node {

		private final long min;

		private final long bound;

		private final boolean any;

		LongRange(long min, long bound, boolean any) {
			this.min = min;
			this.bound = bound;
			this.any = any;
		}

		@Override
		Object next(Run run) {
			return this.any ? run.random.nextLong() : run.random.nextLong(this.min, this.bound);
		}

	}

	static final class DoubleRange extends Node {

		private final double min;

		private final double max;

		private final boolean asFloat;

		DoubleRange(double min, double max, boolean asFloat) {
			this.min = min;
			this.max = max;
			this.asFloat = asFloat;
		}

		@Override
		Object next(Run run) {
			double r = run.random.nextDouble();
			// this form stays finite over the whole double range
			double value = this.min * (1 - r) + this.max * r;
			if (value >= this.max) {
				value = Math.nextDown(this.max);
			}
			if (this.asFloat) {
				float f = (float) value;
				return (f >= this.max) ? Math.nextDown((float) this.max) : f;
			}
			return value;
		}

	}

	/** Length bounds: {@code [min, bound)}. */
	record Length(int min, int bound) {

		static final Length DEFAULT = new Length(8, 16);

		int draw(Run run) {
			return (this.bound - this.min <= 1) ? this.min : this.min + run.random.nextInt(this.bound - this.min);
		}

	}

	static final class RandomString extends Node {

		private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			.toCharArray();

		private final Length length;

		private final String prefix;

		private final String suffix;

		RandomString(Length length, String prefix, String suffix) {
			this.length = length;
			this.prefix = prefix;
			this.suffix = suffix;
		}

		@Override
		Object next(Run run) {
			int n = this.length.draw(run);
			char[] chars = new char[n];
			for (int i = 0; i < n; i++) {
				chars[i] = ALPHANUMERIC[run.random.nextInt(ALPHANUMERIC.length)];
			}
			String text = new String(chars);
			return (this.prefix.isEmpty() && this.suffix.isEmpty()) ? text : this.prefix + text + this.suffix;
		}

	}

	static final class RegexNode extends Node {

		private final RegexString regex;

		private final Length length;

		private final String prefix;

		private final String suffix;

		RegexNode(RegexString regex, Length length, String prefix, String suffix) {
			this.regex = regex;
			this.length = length;
			this.prefix = prefix;
			this.suffix = suffix;
		}

		@Override
		Object next(Run run) {
			String text = (this.length != null)
					? this.regex.generate(run.random, this.length.min(), this.length.bound())
					: this.regex.generate(run.random, RegexString.OPEN_REPEAT);
			return (this.prefix.isEmpty() && this.suffix.isEmpty()) ? text : this.prefix + text + this.suffix;
		}

	}

	static final class Uuid extends Node {

		@Override
		Object next(Run run) {
			long high = (run.random.nextLong() & ~0xF000L) | 0x4000L;
			long low = (run.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
			return new UUID(high, low).toString();
		}

	}

	static final class RandomBytes extends Node {

		private final Length length;

		RandomBytes(Length length) {
			this.length = length;
		}

		@Override
		Object next(Run run) {
			byte[] bytes = new byte[this.length.draw(run)];
			fill(run, bytes);
			return ByteBuffer.wrap(bytes);
		}

	}

	static final class RandomFixed extends Node {

		private final Schema schema;

		RandomFixed(Schema schema) {
			this.schema = schema;
		}

		@Override
		Object next(Run run) {
			byte[] bytes = new byte[this.schema.getFixedSize()];
			fill(run, bytes);
			return new GenericData.Fixed(this.schema, bytes);
		}

	}

	/** A decimal of the logical type's precision, either sign, as bytes or fixed. */
	static final class Decimal extends Node {

		private static final long CHUNK = 1_000_000_000_000_000_000L;

		private final int precision;

		private final Schema fixed;

		Decimal(int precision, Schema fixed) {
			this.precision = precision;
			this.fixed = fixed;
		}

		@Override
		Object next(Run run) {
			BigInteger unscaled;
			if (this.precision <= 18) {
				unscaled = BigInteger.valueOf(run.random.nextLong(pow10(this.precision)));
			}
			else {
				unscaled = BigInteger.ZERO;
				for (int digits = 0; digits < this.precision; digits += 18) {
					unscaled = unscaled.multiply(BigInteger.valueOf(CHUNK))
						.add(BigInteger.valueOf(run.random.nextLong(CHUNK)));
				}
				unscaled = unscaled.mod(BigInteger.TEN.pow(this.precision));
			}
			if (run.random.nextBoolean()) {
				unscaled = unscaled.negate();
			}
			return encode(unscaled, this.fixed);
		}

		/**
		 * The two's-complement big-endian form, as bytes or sign-extended to the fixed
		 * size.
		 */
		static Object encode(BigInteger unscaled, Schema fixed) {
			byte[] bytes = unscaled.toByteArray();
			if (fixed == null) {
				return ByteBuffer.wrap(bytes);
			}
			byte[] padded = new byte[fixed.getFixedSize()];
			byte fill = (unscaled.signum() < 0) ? (byte) 0xFF : 0;
			int offset = padded.length - bytes.length;
			for (int i = 0; i < offset; i++) {
				padded[i] = fill;
			}
			System.arraycopy(bytes, 0, padded, offset, bytes.length);
			return new GenericData.Fixed(fixed, padded);
		}

		private static long pow10(int n) {
			long p = 1;
			for (int i = 0; i < n; i++) {
				p *= 10;
			}
			return p;
		}

	}

	/**
	 * A decimal whose unscaled value lies in {@code [min, bound)}: the {@code range}
	 * hint.
	 */
	static final class DecimalRange extends Node {

		private final long min;

		private final long bound;

		private final Schema fixed;

		DecimalRange(long min, long bound, Schema fixed) {
			this.min = min;
			this.bound = bound;
			this.fixed = fixed;
		}

		@Override
		Object next(Run run) {
			return Decimal.encode(BigInteger.valueOf(run.random.nextLong(this.min, this.bound)), this.fixed);
		}

	}

	static final class EnumNode extends Node {

		private final GenericData.EnumSymbol[] symbols;

		EnumNode(Schema schema) {
			this.symbols = schema.getEnumSymbols()
				.stream()
				.map((symbol) -> new GenericData.EnumSymbol(schema, symbol))
				.toArray(GenericData.EnumSymbol[]::new);
		}

		@Override
		Object next(Run run) {
			return this.symbols[run.random.nextInt(this.symbols.length)];
		}

	}

	static final class ArrayNode extends Node {

		private final Schema schema;

		private final Length length;

		private final Node items;

		ArrayNode(Schema schema, Length length, Node items) {
			this.schema = schema;
			this.length = length;
			this.items = items;
		}

		@Override
		Object next(Run run) {
			int n = run.deepInRecursion() ? 0 : this.length.draw(run);
			GenericData.Array<Object> array = new GenericData.Array<>(n, this.schema);
			for (int i = 0; i < n; i++) {
				array.add(this.items.next(run));
			}
			return array;
		}

	}

	static final class MapNode extends Node {

		private final Length length;

		private final Node keys;

		private final Node values;

		MapNode(Length length, Node keys, Node values) {
			this.length = length;
			this.keys = keys;
			this.values = values;
		}

		@Override
		Object next(Run run) {
			int n = run.deepInRecursion() ? 0 : this.length.draw(run);
			Map<String, Object> map = new HashMap<>(Math.max(4, n * 2));
			for (int i = 0; i < n; i++) {
				map.put(this.keys.next(run).toString(), this.values.next(run));
			}
			return map;
		}

	}

	static final class UnionNode extends Node {

		private final Node[] branches;

		private final int nullBranch;

		UnionNode(List<Node> branches, int nullBranch) {
			this.branches = branches.toArray(Node[]::new);
			this.nullBranch = nullBranch;
		}

		@Override
		Object next(Run run) {
			if (this.nullBranch >= 0 && run.deepInRecursion()) {
				return null;
			}
			return this.branches[run.random.nextInt(this.branches.length)].next(run);
		}

	}

	/** A record; its fields are set after construction, so recursive schemas compile. */
	static final class RecordNode extends Node {

		private final Schema schema;

		private Node[] fields;

		private boolean recursive;

		RecordNode(Schema schema) {
			this.schema = schema;
		}

		void fields(List<Node> fields) {
			this.fields = fields.toArray(Node[]::new);
		}

		/** Marks a record that contains itself (through a union, array or map). */
		void recursive() {
			this.recursive = true;
		}

		@Override
		Object next(Run run) {
			if (this.recursive) {
				run.enterRecursion(this.schema);
			}
			GenericData.Record record = new GenericData.Record(this.schema);
			Node[] nodes = this.fields;
			for (int i = 0; i < nodes.length; i++) {
				record.put(i, nodes[i].next(run));
			}
			if (this.recursive) {
				run.leaveRecursion();
			}
			return record;
		}

	}

	private static void fill(Run run, byte[] bytes) {
		for (int i = 0; i < bytes.length;) {
			long bits = run.random.nextLong();
			for (int b = 0; b < 8 && i < bytes.length; b++, bits >>>= 8) {
				bytes[i++] = (byte) bits;
			}
		}
	}

}
