package dev.dcf.generator.engine.template;

import java.time.Clock;
import java.util.Locale;
import java.util.Random;

import net.datafaker.Faker;

/**
 * The state of one container's generator while it makes a record: its random source, its
 * faker (made on first use, on the same random source), the record's sequence number, the
 * record's "now" (read once per record so all its timestamps agree) and the values of the
 * fields that later fields refer to.
 */
final class Frame {

	private static final long UNREAD = Long.MIN_VALUE;

	final Random random;

	final Object[] slots;

	private final Clock clock;

	private Faker faker;

	long sequence;

	private long now = UNREAD;

	/** Values kept by pooled expressions, and how many each pool holds. */
	final Object[][] pools;

	final int[] pooled;

	Frame(long seed, Clock clock, int slots, int pools) {
		this.random = new SeededRandom(seed);
		this.clock = clock;
		this.slots = new Object[slots];
		this.pools = new Object[pools][];
		this.pooled = new int[pools];
	}

	void startRecord(long sequence) {
		this.sequence = sequence;
		this.now = UNREAD;
	}

	long nowMillis() {
		if (this.now == UNREAD) {
			this.now = this.clock.millis();
		}
		return this.now;
	}

	Faker faker() {
		if (this.faker == null) {
			this.faker = new Faker(Locale.ENGLISH, this.random);
		}
		return this.faker;
	}

}
