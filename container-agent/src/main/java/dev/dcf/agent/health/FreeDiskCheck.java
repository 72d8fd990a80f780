package dev.dcf.agent.health;

import org.springframework.util.unit.DataSize;

/**
 * Enough disk is left for images and container layers.
 */
class FreeDiskCheck implements HealthCheck {

	static final String NAME = "disk";

	private final SystemDisk disk;

	private final DataSize minimum;

	FreeDiskCheck(SystemDisk disk, DataSize minimum) {
		this.disk = disk;
		this.minimum = minimum;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CheckResult check() {
		long usable = this.disk.usableBytes();
		String seen = Bytes.human(usable) + " free at " + this.disk.measuredPath() + ", minimum "
				+ Bytes.human(this.minimum.toBytes());
		return (usable >= this.minimum.toBytes()) ? CheckResult.passed(NAME, seen)
				: CheckResult.failed(NAME, "low disk: " + seen);
	}

}
