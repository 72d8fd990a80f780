package dev.dcf.agent.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Usable disk space where images and container layers live.
 */
public class SystemDisk {

	private final Path path;

	public SystemDisk(Path path) {
		this.path = path;
	}

	/**
	 * Usable bytes on the file system of the path, or of its nearest existing parent (an
	 * agent in a container may not see {@code /var/lib/docker}).
	 */
	public long usableBytes() {
		Path existing = measuredPath();
		try {
			return Files.getFileStore(existing).getUsableSpace();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read free space of " + existing, ex);
		}
	}

	/** The path actually measured. */
	public Path measuredPath() {
		Path candidate = this.path.toAbsolutePath().normalize();
		while (candidate != null && !Files.exists(candidate)) {
			candidate = candidate.getParent();
		}
		return (candidate != null) ? candidate : this.path.toAbsolutePath().getRoot();
	}

}
