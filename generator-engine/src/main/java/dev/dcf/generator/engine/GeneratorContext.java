package dev.dcf.generator.engine;

/**
 * Where a generator runs: the job's seed and this container's place among the job's
 * containers. Container {@code c} of {@code n} owns the sequence numbers {@code c},
 * {@code c + n}, {@code c + 2n}, ... of the job, so two containers never produce the same
 * sequence number, and the same seed gives every container the same records again.
 *
 * @param seed the job's seed (the generator contract's {@code SEED})
 * @param containerIndex this container's index, {@code 0 <= index < count}
 * @param containerCount how many containers the job runs, at least 1
 */
public record GeneratorContext(long seed, int containerIndex, int containerCount) {

	public GeneratorContext {
		if (containerCount < 1 || containerIndex < 0 || containerIndex >= containerCount) {
			throw new IllegalArgumentException(
					"container " + containerIndex + " of " + containerCount + " is not a place in a job");
		}
	}

	/**
	 * The job-wide sequence number of this container's {@code n}-th record.
	 * @param n 0 for the first record of this container
	 * @return {@code containerIndex + n * containerCount}
	 */
	public long sequence(long n) {
		return this.containerIndex + n * this.containerCount;
	}

	/**
	 * A seed of its own for this container, derived from the job's: random choices differ
	 * between containers and repeat for the same job seed.
	 * @return the container's seed
	 */
	public long containerSeed() {
		long z = this.seed + 0x9E3779B97F4A7C15L * (this.containerIndex + 1);
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
