package dev.dcf.agent.logs;

/**
 * The rate and length bounds of one stream: a token bucket of {@code linesPerSecond}
 * tokens a second holding at most a second's worth (or the starting tail, if larger, so
 * the past lines a follow starts with are not dropped), and a cut of long lines. Not
 * thread-safe: its stream serialises the calls.
 */
final class LineBounds {

	static final String CUT_MARK = " …[cut]";

	private final double perMilli;

	private final double capacity;

	private final int maxChars;

	private double tokens;

	private long last;

	LineBounds(int linesPerSecond, int maxChars, int startingTail, long nowMillis) {
		this.perMilli = linesPerSecond / 1000.0;
		this.capacity = linesPerSecond;
		this.maxChars = maxChars;
		this.tokens = Math.max(linesPerSecond, startingTail);
		this.last = nowMillis;
	}

	/**
	 * @param line a whole line
	 * @param nowMillis the time it came
	 * @return the line to forward, cut if it is too long, or null if it is dropped
	 */
	String admit(String line, long nowMillis) {
		if (nowMillis > this.last) {
			// refill up to a second's worth; a larger starting allowance only drains
			if (this.tokens < this.capacity) {
				this.tokens = Math.min(this.capacity, this.tokens + (nowMillis - this.last) * this.perMilli);
			}
			this.last = nowMillis;
		}
		if (this.tokens < 1) {
			return null;
		}
		this.tokens -= 1;
		return (line.length() > this.maxChars) ? line.substring(0, this.maxChars) + CUT_MARK : line;
	}

}
