package dev.dcf.agent.health;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Memory of the host the agent runs on (which is meant to be its Docker host).
 * {@code MemAvailable} from {@code /proc/meminfo} is what the kernel can hand out without
 * swapping, which is what new containers need; elsewhere the JVM's view of free memory.
 */
public class SystemMemory {

	private final Path meminfo;

	public SystemMemory() {
		this(Path.of("/proc/meminfo"));
	}

	SystemMemory(Path meminfo) {
		this.meminfo = meminfo;
	}

	/** Bytes available for new processes. */
	public long availableBytes() {
		return readMeminfo("MemAvailable").orElseGet(() -> os().getFreeMemorySize());
	}

	/** Total bytes of the host. */
	public long totalBytes() {
		return readMeminfo("MemTotal").orElseGet(() -> os().getTotalMemorySize());
	}

	private OptionalLong readMeminfo(String key) {
		try {
			return parse(Files.readAllLines(this.meminfo), key);
		}
		catch (IOException | RuntimeException ex) {
			return OptionalLong.empty();
		}
	}

	/** Parses a {@code /proc/meminfo} line such as {@code MemAvailable: 123 kB}. */
	static OptionalLong parse(List<String> lines, String key) {
		for (String line : lines) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).equals(key)) {
				String[] parts = line.substring(colon + 1).trim().split("\\s+");
				long value = Long.parseLong(parts[0]);
				boolean kilobytes = parts.length > 1 && parts[1].equalsIgnoreCase("kB");
				return OptionalLong.of(kilobytes ? value * 1024 : value);
			}
		}
		return OptionalLong.empty();
	}

	private static com.sun.management.OperatingSystemMXBean os() {
		return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
	}

}
