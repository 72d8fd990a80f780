package dev.dcf.handler.system;

/**
 * The lock the handlers of one database compete for; whoever holds it leads. Used by one
 * thread (the election's).
 */
interface LeaderLock {

	/**
	 * Tries once to take the lock, without waiting.
	 * @return whether this handler holds it now
	 * @throws RuntimeException if the database does not answer
	 */
	boolean tryAcquire();

	/**
	 * @return whether this handler still holds the lock it took (its session lives);
	 * {@code false} also when the database does not answer
	 */
	boolean held();

	/** Gives the lock up (or what is left of it); never throws. */
	void release();

	/**
	 * @return who holds the lock, for health and the system page; {@code null} if unknown
	 */
	String holder();

	/** The lock of a handler that is alone by construction (H2, an embedded database). */
	LeaderLock ALONE = new LeaderLock() {

		@Override
		public boolean tryAcquire() {
			return true;
		}

		@Override
		public boolean held() {
			return true;
		}

		@Override
		public void release() {
		}

		@Override
		public String holder() {
			return "this handler (alone on its database)";
		}

	};

}
