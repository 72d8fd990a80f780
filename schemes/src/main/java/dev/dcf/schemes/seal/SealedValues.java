package dev.dcf.schemes.seal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hybrid sealing of one value for one agent: a fresh AES-256 key encrypts the value with
 * AES-GCM (the job id and variable name as associated data, so a sealed value cannot be
 * moved to another job or variable), and RSA-OAEP (SHA-256) wraps that key for the
 * agent's public key. Layout: version byte {@code 1}, wrapped key length (2 bytes), the
 * wrapped key, 12-byte IV, ciphertext with its 16-byte tag.
 */
public final class SealedValues {

	/** Size of the RSA keys agents create. */
	public static final int RSA_BITS = 2048;

	private static final byte VERSION = 1;

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final String RSA = "RSA/ECB/OAEPWithSHA-256AndMGF1Padding";

	private static final OAEPParameterSpec OAEP = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
			PSource.PSpecified.DEFAULT);

	private static final SecureRandom RANDOM = new SecureRandom();

	private SealedValues() {
	}

	/**
	 * A new RSA key pair for an agent.
	 * @return the pair
	 */
	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(RSA_BITS, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	/**
	 * A public key from its X.509 encoding (as agents publish it in their heartbeat).
	 * @param encoded the encoding
	 * @return the key
	 * @throws IllegalArgumentException if it is no RSA public key
	 */
	public static PublicKey publicKey(byte[] encoded) {
		try {
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("not an RSA public key", ex);
		}
	}

	/**
	 * Seals a value.
	 * @param agentKey the addressed agent's public key
	 * @param jobId the job the value belongs to
	 * @param name the variable name
	 * @param value the plain value
	 * @return the sealed bytes
	 */
	public static byte[] seal(PublicKey agentKey, String jobId, String name, String value) {
		try {
			KeyGenerator generator = KeyGenerator.getInstance("AES");
			generator.init(256, RANDOM);
			SecretKey key = generator.generateKey();
			Cipher rsa = Cipher.getInstance(RSA);
			rsa.init(Cipher.WRAP_MODE, agentKey, OAEP);
			byte[] wrapped = rsa.wrap(key);
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			aes.updateAAD(aad(jobId, name));
			byte[] sealed = aes.doFinal(value.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(1 + 2 + wrapped.length + IV_BYTES + sealed.length)
				.put(VERSION)
				.putShort((short) wrapped.length)
				.put(wrapped)
				.put(iv)
				.put(sealed)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal the value of " + name, ex);
		}
	}

	/**
	 * Opens a sealed value.
	 * @param agentKey the agent's private key
	 * @param jobId the job the value must belong to
	 * @param name the variable name it must belong to
	 * @param sealed the sealed bytes
	 * @return the plain value
	 * @throws IllegalArgumentException if it was not sealed for this key, job and name,
	 * or was changed
	 */
	public static String open(PrivateKey agentKey, String jobId, String name, byte[] sealed) {
		try {
			ByteBuffer in = ByteBuffer.wrap(sealed);
			if (in.get() != VERSION) {
				throw new IllegalArgumentException("unknown sealing version");
			}
			byte[] wrapped = new byte[Short.toUnsignedInt(in.getShort())];
			in.get(wrapped);
			byte[] iv = new byte[IV_BYTES];
			in.get(iv);
			byte[] rest = new byte[in.remaining()];
			in.get(rest);
			Cipher rsa = Cipher.getInstance(RSA);
			rsa.init(Cipher.UNWRAP_MODE, agentKey, OAEP);
			SecretKey key = new SecretKeySpec(rsa.unwrap(wrapped, "AES", Cipher.SECRET_KEY).getEncoded(), "AES");
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
			aes.updateAAD(aad(jobId, name));
			return new String(aes.doFinal(rest), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new IllegalArgumentException("The sealed value of " + name + " cannot be opened with this key", ex);
		}
	}

	private static byte[] aad(String jobId, String name) {
		return (jobId + "\n" + name).getBytes(StandardCharsets.UTF_8);
	}

}
