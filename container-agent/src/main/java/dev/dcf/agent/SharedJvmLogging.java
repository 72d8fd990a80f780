package dev.dcf.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * For an agent started in a JVM with other Spring Boot contexts (the standalone, where it
 * starts beside the handler; the test kit's hollow fleet): Spring Boot's logging listener
 * of every such context takes its turn. They share the JVM's logger context, and one
 * context's logging initialisation resetting it while another's ran failed that start
 * ({@code ConcurrentModificationException} in {@code LoggerContext.fireOnReset}, "Unable
 * to find Spring Environment in logger context").
 */
public final class SharedJvmLogging {

	private static final Object LOCK = new Object();

	private SharedJvmLogging() {
	}

	/** Makes the application's logging listener take turns with the others made so. */
	public static void takeTurns(SpringApplication application) {
		application.setListeners(application.getListeners()
			.stream()
			.map((listener) -> (listener instanceof LoggingApplicationListener logging) ? new OneAtATime(logging)
					: listener)
			.toList());
	}

	private record OneAtATime(LoggingApplicationListener delegate) implements GenericApplicationListener {

		@Override
		public boolean supportsEventType(ResolvableType eventType) {
			return this.delegate.supportsEventType(eventType);
		}

		@Override
		public boolean supportsSourceType(Class<?> sourceType) {
			return this.delegate.supportsSourceType(sourceType);
		}

		@Override
		public int getOrder() {
			return this.delegate.getOrder();
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			synchronized (LOCK) {
				this.delegate.onApplicationEvent(event);
			}
		}

	}

}
