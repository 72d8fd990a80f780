package dev.dcf.standalone;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Lets an app's context create its beans while something it needs (the embedded broker
 * and registry) is still starting, and holds the context before anything in it may use
 * that: the first {@link SmartInitializingSingleton} of the context waits until the
 * {@code future} completes, so every other one (Spring Kafka's topic creation), the
 * lifecycle start (listener containers, the web server, DCF's loops) and the ready events
 * come after it.
 * <p>
 * Contract the apps keep (checked at every start of the standalone): no bean talks to
 * Kafka or the registry while it is created; DCF's beans that do so at start use
 * {@code ApplicationReadyEvent}. Kafka clients created early only connect when first
 * used.
 * <p>
 * If the future fails, the context's refresh fails with it as the cause.
 */
final class Prerequisite implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String BEAN_NAME = "dcfStandalonePrerequisite";

	private final Future<?> future;

	private final String what;

	/**
	 * @param what what the future brings up, for the error message ("the embedded
	 * broker")
	 */
	Prerequisite(Future<?> future, String what) {
		this.future = Objects.requireNonNull(future, "future");
		this.what = Objects.requireNonNull(what, "what");
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (!(context instanceof GenericApplicationContext generic)) {
			throw new IllegalStateException("Cannot hold a " + context.getClass().getName() + " for " + this.what);
		}
		// registered before the app's own sources are loaded: the first bean definition,
		// so the first SmartInitializingSingleton called
		generic.registerBean(BEAN_NAME, Gate.class, () -> new Gate(this.future, this.what));
	}

	record Gate(Future<?> future, String what) implements SmartInitializingSingleton {

		@Override
		public void afterSingletonsInstantiated() {
			try {
				this.future.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.what, ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(this.what + " did not start", ex.getCause());
			}
		}

	}

}
