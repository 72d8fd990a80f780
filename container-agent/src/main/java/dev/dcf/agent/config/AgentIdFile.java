package dev.dcf.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The agent id kept in a file, so that a restarted agent is the same agent (same consumer
 * group, same containers). Created on first start, read afterwards.
 */
final class AgentIdFile {

	private static final Pattern VALID = Pattern.compile(AgentProperties.ID_PATTERN);

	private final Path file;

	private final Supplier<String> newId;

	AgentIdFile(Path file) {
		this(file, () -> UUID.randomUUID().toString());
	}

	AgentIdFile(Path file, Supplier<String> newId) {
		this.file = file;
		this.newId = newId;
	}

	/**
	 * Reads the id, or creates the file with a new id. The file is written to a temporary
	 * sibling and moved into place, so a crash never leaves a half-written id.
	 * @return the id
	 * @throws IllegalStateException if the file holds something that is not an id
	 */
	String readOrCreate() {
		try {
			if (Files.exists(this.file)) {
				String id = Files.readString(this.file, StandardCharsets.UTF_8).strip();
				if (!VALID.matcher(id).matches()) {
					throw new IllegalStateException(
							"Agent id file " + this.file.toAbsolutePath() + " does not hold a valid id: '" + id + "'");
				}
				return id;
			}
			String id = this.newId.get();
			Path parent = this.file.toAbsolutePath().getParent();
			Files.createDirectories(parent);
			Path tmp = Files.createTempFile(parent, ".agent-id", ".tmp");
			Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
			try {
				Files.move(tmp, this.file, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(tmp, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
			return id;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the agent id file " + this.file.toAbsolutePath(), ex);
		}
	}

}
