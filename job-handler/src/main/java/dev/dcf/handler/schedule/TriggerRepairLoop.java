package dev.dcf.handler.schedule;

import java.time.Duration;

import dev.dcf.handler.system.BackgroundLoop;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link TriggerRepair} at start and then every
 * {@code dcf.handler.trigger-repair-interval} (through its proxy, for the transaction). A
 * run that fails (the database down) is tried again after the interval.
 */
@Component
class TriggerRepairLoop implements SmartLifecycle {

	private final BackgroundLoop loop;

	TriggerRepairLoop(TriggerRepair repair, ScheduleProperties properties) {
		this.loop = new BackgroundLoop("dcf-trigger-repair", properties.triggerRepairInterval(), () -> {
			repair.repair();
			return null;
		});
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
