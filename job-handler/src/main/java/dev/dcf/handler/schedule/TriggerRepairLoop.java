package dev.dcf.handler.schedule;

import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.Leadership;
import dev.dcf.handler.system.LoopLifecycle;

import org.springframework.stereotype.Component;

/**
 * Runs {@link TriggerRepair} at start and then every
 * {@code dcf.handler.trigger-repair-interval} (through its proxy, for the transaction). A
 * run that fails (the database down) is tried again after the interval.
 */
@Component
class TriggerRepairLoop extends LoopLifecycle {

	TriggerRepairLoop(TriggerRepair repair, ScheduleProperties properties, Leadership leadership) {
		super(BackgroundLoop.whileLeading(leadership, "dcf-trigger-repair", properties.triggerRepairInterval(), () -> {
			repair.repair();
			return null;
		}));
	}

}
