package dev.dcf.handler.secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SecretCipherTests {

	private static final byte[] OLD = key(1);

	private static final byte[] NEW = key(2);

	@TempDir
	Path dir;

	@Test
	void aValueComesBackAsItWentInAndIsStoredOnlyEncrypted() {
		SecretCipher cipher = new SecretCipher(NEW, List.of());

		String stored = cipher.encrypt("hunter2 – ünïcode");

		assertThat(stored).startsWith(SecretCipher.PREFIX).doesNotContain("hunter2");
		assertThat(cipher.encrypt("hunter2 – ünïcode")).as("a fresh IV each time").isNotEqualTo(stored);
		assertThat(cipher.decrypt(stored)).isEqualTo("hunter2 – ünïcode");
		assertThat(cipher.isCurrent(stored)).isTrue();
	}

	@Test
	void aChangedValueIsRefused() {
		SecretCipher cipher = new SecretCipher(NEW, List.of());
		String stored = cipher.encrypt("hunter2");
		byte[] raw = Base64.getDecoder().decode(stored.substring(stored.lastIndexOf(':') + 1));
		raw[raw.length - 1] ^= 1;
		String tampered = stored.substring(0, stored.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(raw);

		assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt(tampered));
		assertThatIllegalArgumentException().isThrownBy(() -> cipher.decrypt("hunter2"));
	}

	@Test
	void afterARotationTheOldKeyStillDecryptsAndTheNewOneEncrypts() {
		String underOld = new SecretCipher(OLD, List.of()).encrypt("hunter2");
		SecretCipher rotated = new SecretCipher(NEW, List.of(OLD));

		assertThat(rotated.decrypt(underOld)).isEqualTo("hunter2");
		assertThat(rotated.isCurrent(underOld)).isFalse();
		assertThat(rotated.isCurrent(rotated.encrypt("hunter2"))).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher(NEW, List.of()).decrypt(underOld))
			.withMessageContaining("not configured");
	}

	@Test
	void withoutAConfiguredKeyAKeyFileIsCreatedOnceAndReadAfterwards() throws Exception {
		Path file = this.dir.resolve("data/secrets.key");
		SecretsProperties properties = new SecretsProperties("", file, List.of());

		byte[] first = SecretKeys.primary(properties);

		assertThat(first).hasSize(32);
		assertThat(SecretKeys.primary(properties)).isEqualTo(first);
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
	}

	@Test
	void aConfiguredKeyWinsAndMustBe32Bytes() {
		String configured = Base64.getEncoder().encodeToString(NEW);

		assertThat(SecretKeys.primary(new SecretsProperties(configured, this.dir.resolve("unused"), List.of())))
			.isEqualTo(NEW);
		assertThat(this.dir.resolve("unused")).doesNotExist();
		assertThatIllegalStateException()
			.isThrownBy(() -> SecretKeys
				.primary(new SecretsProperties(Base64.getEncoder().encodeToString(new byte[16]), this.dir, List.of())))
			.withMessageContaining("32 bytes");
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		java.util.Arrays.fill(key, (byte) seed);
		return key;
	}

}
