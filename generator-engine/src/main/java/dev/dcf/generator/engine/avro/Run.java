package dev.dcf.generator.engine.avro;

import java.util.SplittableRandom;

import dev.dcf.generator.engine.GeneratorContext;

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
	 * The job-wide sequence number of an iteration hint's next value.
	 * @param counter the hint's counter
	 * @return {@code context.sequence(k)} for the hint's {@code k}-th value in this
	 * container
	 */
	long nextSequence(int counter) {
		return this.context.sequence(this.counters[counter]++);
	}

}
