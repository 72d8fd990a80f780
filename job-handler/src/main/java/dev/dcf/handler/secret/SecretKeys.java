package dev.dcf.handler.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the primary key: from configuration, else from the key file, which is created
 * with a random key if missing. Created through a hard link from a temporary file, so
 * concurrent first starts agree on one key and nobody reads a half-written file.
 */
final class SecretKeys {

	private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

	private SecretKeys() {
	}

	static byte[] primary(SecretsProperties properties) {
		if (properties.key() != null && !properties.key().isBlank()) {
			return decode(properties.key(), "dcf.security.secrets.key");
		}
		return readOrCreate(properties.keyFile());
	}

	static byte[] decode(String base64, String what) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(what + " is not base64", ex);
		}
		if (key.length != 32) {
			throw new IllegalStateException(what + " must be 32 bytes (AES-256), not " + key.length);
		}
		return key;
	}

	static byte[] readOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			return decode(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file.toAbsolutePath());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the secrets key file " + file.toAbsolutePath(), ex);
		}
	}

	private static void create(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path tmp = Files.createTempFile(parent, ".secrets-key", ".tmp");
		try {
			restrict(tmp);
			byte[] key = new byte[32];
			new SecureRandom().nextBytes(key);
			Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
			Files.createLink(file, tmp);
			log.warn("Created the secrets key file {}: keep it (and back it up); without it the stored secret env "
					+ "values cannot be read", file.toAbsolutePath());
		}
		catch (FileAlreadyExistsException ex) {
			// another process was first: use its key
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	private static void restrict(Path file) {
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException | IOException ex) {
			// not a POSIX file system: its own access rules apply
		}
	}

}
