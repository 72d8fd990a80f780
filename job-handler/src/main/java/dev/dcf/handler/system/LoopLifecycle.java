package dev.dcf.handler.system;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose work is one {@link BackgroundLoop}, started and stopped with the
 * application context (waiting up to 10 s for a run in progress).
 */
public abstract class LoopLifecycle implements SmartLifecycle {

	private final BackgroundLoop loop;

	protected LoopLifecycle(BackgroundLoop loop) {
		this.loop = loop;
	}

	/** Asks for a run as soon as possible (see {@link BackgroundLoop#wakeUp()}). */
	protected void wakeUp() {
		this.loop.wakeUp();
	}

	@Override
	public void start() {
		this.loop.start();
	}

	@Override
	public void stop() {
		this.loop.stop(Duration.ofSeconds(10));
	}

	@Override
	public boolean isRunning() {
		return this.loop.isRunning();
	}

}
