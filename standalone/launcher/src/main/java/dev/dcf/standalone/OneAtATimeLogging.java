package dev.dcf.standalone;

import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Spring Boot's logging listener, one context at a time: the handler's and the agent's
 * contexts start side by side in one JVM and share its logger context, and one context's
 * logging initialisation resetting it while the other's ran failed that start
 * ({@code ConcurrentModificationException} in {@code LoggerContext.fireOnReset}).
 */
record OneAtATimeLogging(LoggingApplicationListener delegate) implements GenericApplicationListener {

	private static final Object LOCK = new Object();

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
