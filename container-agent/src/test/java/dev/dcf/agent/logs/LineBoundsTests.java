package dev.dcf.agent.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineBoundsTests {

	@Test
	void linesBeyondASecondsWorthAreDroppedUntilTheBucketRefills() {
		LineBounds bounds = new LineBounds(10, 100, 0, 0);
		int admitted = 0;
		for (int i = 0; i < 25; i++) {
			if (bounds.admit("line " + i, 0) != null) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(10);
		assertThat(bounds.admit("too soon", 50)).isNull();
		assertThat(bounds.admit("after 100 ms one token is back", 150)).isNotNull();
		assertThat(bounds.admit("and spent", 150)).isNull();
	}

	@Test
	void aStartingTailLargerThanASecondsWorthIsForwardedWhole() {
		LineBounds bounds = new LineBounds(10, 100, 50, 0);
		int admitted = 0;
		for (int i = 0; i < 50; i++) {
			if (bounds.admit("past " + i, 0) != null) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(50);
		assertThat(bounds.admit("live", 0)).isNull();
	}

	@Test
	void theBucketNeverHoldsMoreThanASecondsWorth() {
		LineBounds bounds = new LineBounds(10, 100, 0, 0);
		int admitted = 0;
		for (int i = 0; i < 30; i++) {
			if (bounds.admit("after a long quiet", 60_000) != null) {
				admitted++;
			}
		}
		assertThat(admitted).isEqualTo(10);
	}

	@Test
	void aLongLineIsCutAndMarked() {
		LineBounds bounds = new LineBounds(10, 16, 0, 0);
		assertThat(bounds.admit("x".repeat(40), 0)).isEqualTo("x".repeat(16) + LineBounds.CUT_MARK);
		assertThat(bounds.admit("short", 0)).isEqualTo("short");
	}

}
