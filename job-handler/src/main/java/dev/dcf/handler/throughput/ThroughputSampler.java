package dev.dcf.handler.throughput;

import dev.dcf.handler.system.BackgroundLoop;
import dev.dcf.handler.system.LoopLifecycle;

import org.springframework.stereotype.Component;

/**
 * Runs a {@link ThroughputService} round every {@code dcf.handler.throughput.interval},
 * on every handler (only the leader writes what a round finds); a round that fails
 * (database or brokers away) is logged and the next one follows.
 */
@Component
class ThroughputSampler extends LoopLifecycle {

	ThroughputSampler(ThroughputService service, ThroughputProperties properties) {
		super(new BackgroundLoop("dcf-throughput", properties.interval(), () -> {
			service.round();
			return null;
		}));
	}

}
