package dev.dcf.handler.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secret env values for the database with AES-256-GCM: a random 12-byte IV per
 * value, the 16-byte tag refuses any change. Stored form:
 * {@code aesgcm:<key id>:<base64(iv + ciphertext)>}, the key id being the first 8 hex
 * digits of the key's SHA-256, so values under a previous key are still read after a
 * rotation (encrypting always uses the primary key).
 */
public final class SecretCipher {

	/** Prefix of every encrypted value. */
	public static final String PREFIX = "aesgcm:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String primaryId;

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	/**
	 * @param primary the key new values are encrypted with (32 bytes)
	 * @param previous keys still accepted for decrypting
	 */
	public SecretCipher(byte[] primary, List<byte[]> previous) {
		this.primaryId = id(primary);
		this.keys.put(this.primaryId, new SecretKeySpec(primary, "AES"));
		for (byte[] key : new ArrayList<>(previous)) {
			this.keys.putIfAbsent(id(key), new SecretKeySpec(key, "AES"));
		}
	}

	/**
	 * A key for another purpose, derived from the primary key (HMAC-SHA256 of
	 * {@code purpose}), so that purpose needs no key of its own and never sees this one.
	 * @param purpose what the key is for, e.g. {@code "kafka-run-principals"}
	 * @return 32 bytes
	 */
	public byte[] derive(String purpose) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.get(this.primaryId).getEncoded(), "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * @param plain the value
	 * @return its stored form
	 */
	public String encrypt(String plain) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.ENCRYPT_MODE, this.keys.get(this.primaryId), new GCMParameterSpec(TAG_BITS, iv));
			aes.updateAAD(this.primaryId.getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = aes.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
			return PREFIX + this.primaryId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * @param stored a value from {@link #encrypt}
	 * @return the plain value
	 * @throws IllegalArgumentException if it is not encrypted, its key is not configured,
	 * or it was changed
	 */
	public String decrypt(String stored) {
		String[] parts = (stored != null && stored.startsWith(PREFIX)) ? stored.split(":", 3) : new String[0];
		if (parts.length != 3) {
			throw new IllegalArgumentException("not an encrypted value");
		}
		SecretKeySpec key = this.keys.get(parts[1]);
		if (key == null) {
			throw new IllegalArgumentException("encrypted with key " + parts[1]
					+ ", which is not configured (dcf.security.secrets.key or previous-keys)");
		}
		try {
			byte[] in = Base64.getDecoder().decode(parts[2]);
			Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
			aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			aes.updateAAD(parts[1].getBytes(StandardCharsets.US_ASCII));
			return new String(aes.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the encrypted value was changed or is damaged", ex);
		}
	}

	/**
	 * @param stored a stored value
	 * @return whether it is encrypted with the primary key (else it needs re-encrypting)
	 */
	public boolean isCurrent(String stored) {
		return stored != null && stored.startsWith(PREFIX + this.primaryId + ":");
	}

	private static String id(byte[] key) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
