package dev.dcf.agent.health;

import java.util.function.LongSupplier;

import org.springframework.util.unit.DataSize;

/**
 * Enough memory is available for new containers.
 */
class FreeMemoryCheck implements HealthCheck {

	static final String NAME = "memory";

	private final LongSupplier availableBytes;

	private final DataSize minimum;

	FreeMemoryCheck(LongSupplier availableBytes, DataSize minimum) {
		this.availableBytes = availableBytes;
		this.minimum = minimum;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CheckResult check() {
		long available = this.availableBytes.getAsLong();
		String seen = Bytes.human(available) + " available, minimum " + Bytes.human(this.minimum.toBytes());
		return (available >= this.minimum.toBytes()) ? CheckResult.passed(NAME, seen)
				: CheckResult.failed(NAME, "low memory: " + seen);
	}

}
