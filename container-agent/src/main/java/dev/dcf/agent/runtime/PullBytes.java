package dev.dcf.agent.runtime;

/**
 * How far a pull has come, as far as the registry said: bytes downloaded and the size of
 * the layers whose size is known so far (both 0 before the first layer starts; layers
 * that were present already count as done).
 *
 * @param done bytes downloaded
 * @param total bytes of the layers known so far
 */
public record PullBytes(long done, long total) {

	public static final PullBytes NONE = new PullBytes(0, 0);

	/** Whether the registry said anything about sizes yet. */
	public boolean known() {
		return this.total > 0;
	}

}
