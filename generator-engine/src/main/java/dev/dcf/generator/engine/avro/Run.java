package dev.dcf.generator.engine.avro;

import java.util.SplittableRandom;

import org.apache.avro.Schema;

import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.SpecException;

/**
 * What one container's generator changes as it goes: its random source (seeded with the
 * container's seed) and one counter per iteration hint, each turned into job-wide
 * sequence numbers so two containers never yield the same iteration value.
 */
final class Run {

	final SplittableRandom random;

	final GeneratorContext context;

	private final long[] counters;

	Run(GeneratorContext context, int counterCount) {
		this.context = context;
		this.random = new SplittableRandom(context.containerSeed());
		this.counters = new long[counterCount];
	}

	/**
	 * Past this depth of recursive records, unions take their null branch and arrays and
	 * maps are empty, so a recursive schema's values stay small.
	 */
	static final int SOFT_DEPTH = 3;

	/**
	 * A recursion that does not end by then has no end (no null branch, no collection).
	 */
	static final int HARD_DEPTH = 64;

	private int depth;

	void enterRecursion(Schema schema) {
		if (++this.depth > HARD_DEPTH) {
			this.depth = 0;
			throw new SpecException("$", "record '" + schema.getFullName()
					+ "' contains itself without end: give the recursion a null branch, an array or a map");
		}
	}

	void leaveRecursion() {
		this.depth--;
	}

	boolean deepInRecursion() {
		return this.depth >= SOFT_DEPTH;
	}

	/**
	 * The job-wide sequence number of an iteration hint's next value.
	 * @param counter the hint's counter
	 * @return {@code context.sequence(k)} for the hint's {@code k}-th value in this
	 * container
	 */
	long nextSequence(int counter) {
		return this.context.sequence(this.counters[counter]++);
	}

}
