package dev.dcf.generator.engine.template;

import java.util.Random;

/**
 * A {@link Random} for one thread (SplitMix64, no atomic updates): the frame's single
 * random source, shared with Datafaker so one seed decides everything. Not thread-safe,
 * like the generator that owns it.
 */
final class SeededRandom extends Random {

	private static final long GOLDEN = 0x9E3779B97F4A7C15L;

	private long state;

	SeededRandom(long seed) {
		super(seed);
		this.state = seed;
	}

	@Override
	public void setSeed(long seed) {
		// Random's constructor calls this before our field is set; the constructor sets
		// it
		this.state = seed;
	}

	private long mix() {
		long z = (this.state += GOLDEN);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	@Override
	protected int next(int bits) {
		return (int) (mix() >>> (64 - bits));
	}

	@Override
	public long nextLong() {
		return mix();
	}

	@Override
	public double nextDouble() {
		return (mix() >>> 11) * 0x1.0p-53;
	}

}
