package dev.dcf.standalone;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import dev.dcf.standalone.embedded.BrokerAuth;

/**
 * The two fixed Kafka users of the standalone broker (docs/security.md):
 * {@value #SERVICE} (the broker itself, the handler and the registry) and {@value #AGENT}
 * (the agent), both super users. The agent runs in the handler's JVM, which holds the
 * super user's password anyway, so its standing costs nothing, and it spares the agent,
 * which starts beside the handler, being refused until the handler has granted its ACLs.
 * Job runs get users of their own with their topic only. Their passwords are generated on
 * the first start and kept in {@value #FILE} in the data directory (owner only), so a
 * restart keeps them; {@value #CLIENT_FILE} beside it holds ready client settings for the
 * user's own Kafka tools ({@code --consumer.config}).
 */
final class KafkaLogins {

	static final String SERVICE = "dcf";

	static final String AGENT = "agent";

	static final String FILE = "kafka-logins.properties";

	static final String CLIENT_FILE = "kafka-client.properties";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Path dataDir;

	private final BrokerAuth auth;

	private KafkaLogins(Path dataDir, BrokerAuth auth) {
		this.dataDir = dataDir;
		this.auth = auth;
	}

	/**
	 * Reads the passwords, generating what is missing, and writes both files.
	 * @param dataDir the data directory (it exists)
	 */
	static KafkaLogins loadOrCreate(Path dataDir) throws IOException {
		Path file = dataDir.resolve(FILE);
		Properties passwords = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				passwords.load(reader);
			}
		}
		boolean changed = false;
		for (String user : new String[] { SERVICE, AGENT }) {
			if (passwords.getProperty(user, "").isBlank()) {
				passwords.setProperty(user, newPassword());
				changed = true;
			}
		}
		if (changed) {
			write(file, passwords, "Kafka users of the standalone broker; delete to get new passwords");
		}
		BrokerAuth auth = BrokerAuth.withBrokerUser(SERVICE, passwords.getProperty(SERVICE))
			.withSuperUser(AGENT, passwords.getProperty(AGENT));
		Properties client = new Properties();
		client.putAll(auth.clientProperties(SERVICE));
		write(dataDir.resolve(CLIENT_FILE), client,
				"Client settings for Kafka tools, e.g. kafka-console-consumer.sh --consumer.config <this file>");
		return new KafkaLogins(dataDir, auth);
	}

	BrokerAuth auth() {
		return this.auth;
	}

	/** Client settings of a user, as Spring's {@code spring.kafka.properties.*}. */
	Map<String, String> springProperties(String user) {
		Map<String, String> properties = new TreeMap<>();
		this.auth.clientProperties(user)
			.forEach((name, value) -> properties.put("spring.kafka.properties." + name, value));
		return properties;
	}

	/** Where a user's own Kafka tools find their settings. */
	Path clientFile() {
		return this.dataDir.resolve(CLIENT_FILE);
	}

	// 24 random bytes: 32 characters of [A-Za-z0-9_-], none that breaks a JAAS line
	private static String newPassword() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Written to a temporary file readable by the owner only, then moved into place. */
	private static void write(Path file, Properties properties, String comment) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try {
			try {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the data directory's own protection applies
			}
			try (Writer writer = Files.newBufferedWriter(temporary)) {
				properties.store(writer, comment);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
