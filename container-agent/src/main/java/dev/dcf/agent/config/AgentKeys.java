package dev.dcf.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import dev.dcf.schemes.seal.SealedValues;

/**
 * The agent's RSA key pair: it publishes the public key in every heartbeat, the handler
 * seals secret env values for it, and only this agent opens them (docs/security.md). Kept
 * beside the agent id file (so a restarted agent keeps its key), or only in memory when
 * the id is configured.
 */
public final class AgentKeys {

	private final KeyPair pair;

	AgentKeys(KeyPair pair) {
		this.pair = pair;
	}

	/**
	 * A key pair only this process knows.
	 * @return new keys
	 */
	public static AgentKeys ephemeral() {
		return new AgentKeys(SealedValues.newKeyPair());
	}

	/**
	 * Reads the private key from the file (base64 PKCS#8), or creates the file with a new
	 * key, readable by its owner only.
	 * @param file the key file
	 * @return the keys
	 */
	static AgentKeys readOrCreate(Path file) {
		try {
			if (!Files.exists(file)) {
				create(file);
			}
			byte[] encoded = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			KeyFactory rsa = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(encoded));
			PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
			return new AgentKeys(new KeyPair(publicKey, key));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the agent key file " + file.toAbsolutePath(), ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException("Agent key file " + file.toAbsolutePath() + " holds no RSA private key",
					ex);
		}
	}

	private static void create(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path tmp = Files.createTempFile(parent, ".agent-key", ".tmp");
		try {
			try {
				Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system
			}
			Files.writeString(tmp,
					Base64.getEncoder().encodeToString(SealedValues.newKeyPair().getPrivate().getEncoded()) + "\n",
					StandardCharsets.US_ASCII);
			Files.createLink(file, tmp);
		}
		catch (FileAlreadyExistsException ex) {
			// created meanwhile: use that one
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}

	/**
	 * @return the public key's X.509 encoding, as published in heartbeats
	 */
	public byte[] publicKey() {
		return this.pair.getPublic().getEncoded();
	}

	/**
	 * @return the private key that opens sealed values
	 */
	public PrivateKey privateKey() {
		return this.pair.getPrivate();
	}

}
