package dev.dcf.generator.engine.avro;

import java.math.BigInteger;

/**
 * The {@code iteration} hint: the value of the job-wide sequence number {@code s} of this
 * hint's call is {@code initial + s * step}, wrapped back to {@code start} when it
 * reaches {@code restart}. With one container that is the Avro Random Generator's
 * sequence; with more, each container takes its own values of it, so none repeats
 * another's.
 */
abstract class IterationNode extends Node {

	private final int counter;

	IterationNode(int counter) {
		this.counter = counter;
	}

	@Override
	final Object next(Run run) {
		return valueAt(run.nextSequence(this.counter));
	}

	abstract Object valueAt(long sequence);

	/** int, long and the string form (over int). */
	static final class Integral extends IterationNode {

		private final long start;

		private final long initialOffset;

		private final long step;

		/** 0 when it never restarts (then it wraps at the type's bounds). */
		private final long span;

		private final boolean asInt;

		private final String prefix;

		private final String suffix;

		Integral(int counter, long start, long restart, long step, long initial, boolean hasRestart, boolean asInt,
				String prefix, String suffix) {
			super(counter);
			this.start = start;
			this.step = step;
			this.asInt = asInt;
			this.prefix = prefix;
			this.suffix = suffix;
			if (hasRestart) {
				this.span = Math.abs(restart - start);
				long direction = Long.signum(step);
				this.initialOffset = Math.floorMod(direction * (initial - start), this.span);
			}
			else {
				this.span = 0;
				this.initialOffset = initial - start;
			}
		}

		@Override
		Object valueAt(long sequence) {
			long value;
			if (this.span == 0) {
				value = this.start + this.initialOffset + sequence * this.step;
			}
			else {
				long absStep = Math.abs(this.step);
				long product = sequence * absStep;
				long moved;
				if (Math.multiplyHigh(sequence, absStep) == 0 && product >= 0) {
					// (product + offset) mod span without overflow
					moved = Math.floorMod((product % this.span) - (this.span - this.initialOffset), this.span);
				}
				else {
					moved = BigInteger.valueOf(sequence)
						.multiply(BigInteger.valueOf(absStep))
						.add(BigInteger.valueOf(this.initialOffset))
						.mod(BigInteger.valueOf(this.span))
						.longValue();
				}
				value = this.start + Long.signum(this.step) * moved;
			}
			if (this.prefix != null) {
				return this.prefix + (this.asInt ? Integer.toString((int) value) : Long.toString(value)) + this.suffix;
			}
			return this.asInt ? (Object) (int) value : (Object) value;
		}

	}

	static final class Decimal extends IterationNode {

		private final double start;

		private final double initialOffset;

		private final double step;

		/** 0 when it never restarts. */
		private final double span;

		private final boolean asFloat;

		Decimal(int counter, double start, double restart, double step, double initial, boolean hasRestart,
				boolean asFloat) {
			super(counter);
			this.start = start;
			this.step = step;
			this.asFloat = asFloat;
			this.span = hasRestart ? Math.abs(restart - start) : 0;
			double offset = Math.signum(step) * (initial - start);
			this.initialOffset = hasRestart ? (offset % this.span + this.span) % this.span : initial - start;
		}

		@Override
		Object valueAt(long sequence) {
			double value;
			if (this.span == 0) {
				value = this.start + this.initialOffset + sequence * this.step;
			}
			else {
				double moved = (this.initialOffset + sequence * Math.abs(this.step)) % this.span;
				value = this.start + Math.signum(this.step) * moved;
			}
			return this.asFloat ? (Object) (float) value : (Object) value;
		}

	}

	/** Alternates from {@code start} with every job-wide sequence number. */
	static final class Bool extends IterationNode {

		private final boolean start;

		Bool(int counter, boolean start) {
			super(counter);
			this.start = start;
		}

		@Override
		Object valueAt(long sequence) {
			return this.start ^ ((sequence & 1) == 1);
		}

	}

}
