package dev.dcf.handler.system;

/**
 * Whether this handler leads: several handlers may serve one database, and the work that
 * must run once (placement, the outbox relay, liveness, draining, trigger repair, what
 * throughput sampling writes) runs on the leader only. Everything else (GUI, API, the
 * status consumers) runs on every handler. See docs/handler-runtime.md, "Several
 * handlers".
 */
public interface Leadership {

	/** Leads always: one handler alone (tests, a database without an election). */
	Leadership ALWAYS = new Leadership() {

		@Override
		public boolean isLeader() {
			return true;
		}

		@Override
		public long term() {
			return 1;
		}

		@Override
		public void whenLeading(Runnable action) {
			// leads from the start: nothing to tell later
		}

	};

	/**
	 * @return whether this handler leads now; may change at any moment, so work that must
	 * run once asks before each round
	 */
	boolean isLeader();

	/**
	 * @return how many times this handler has become the leader: a change means it took
	 * over since it last looked (and must start as after its own restart)
	 */
	long term();

	/**
	 * Runs {@code action} every time this handler becomes the leader, on the election's
	 * thread (so it must be quick, e.g. wake a loop up).
	 * @param action what to run
	 */
	void whenLeading(Runnable action);

}
