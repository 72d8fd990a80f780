package dev.dcf.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaLoginsTests {

	@TempDir
	Path dataDir;

	@Test
	void theFirstStartGeneratesPasswordsTheOwnerAloneMayReadAndLaterStartsKeepThem() throws IOException {
		KafkaLogins first = KafkaLogins.loadOrCreate(this.dataDir);
		Properties stored = read(this.dataDir.resolve(KafkaLogins.FILE));

		assertThat(stored.stringPropertyNames()).containsExactlyInAnyOrder("dcf", "agent");
		assertThat(stored.getProperty("dcf")).hasSize(32).isNotEqualTo(stored.getProperty("agent"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dataDir.resolve(KafkaLogins.FILE))))
			.isEqualTo("rw-------");
		assertThat(first.springProperties("agent")).containsEntry("spring.kafka.properties.sasl.mechanism", "PLAIN")
			.hasEntrySatisfying("spring.kafka.properties.sasl.jaas.config",
					(jaas) -> assertThat(jaas).contains("username=\"agent\"", stored.getProperty("agent")));

		KafkaLogins.loadOrCreate(this.dataDir);

		assertThat(read(this.dataDir.resolve(KafkaLogins.FILE))).isEqualTo(stored);
	}

	@Test
	void theClientFileLogsAUsersToolsInAsTheServiceUser() throws IOException {
		KafkaLogins logins = KafkaLogins.loadOrCreate(this.dataDir);

		Properties client = read(logins.clientFile());

		assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "PLAIN");
		assertThat(client.getProperty("sasl.jaas.config")).contains("username=\"dcf\"",
				read(this.dataDir.resolve(KafkaLogins.FILE)).getProperty("dcf"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logins.clientFile())))
			.isEqualTo("rw-------");
	}

	private static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		return properties;
	}

}
