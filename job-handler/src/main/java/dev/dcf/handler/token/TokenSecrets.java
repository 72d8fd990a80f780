package dev.dcf.handler.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes token secrets. A secret is {@code dcf_} and 32 random bytes in
 * URL-safe Base64: with 256 bits of entropy a plain SHA-256 is enough to store it (there
 * is no dictionary to try, unlike passwords, so no slow hash is needed).
 */
final class TokenSecrets {

	static final String PREFIX = "dcf_";

	/** How many characters of a secret lists show. */
	static final int SHOWN = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private TokenSecrets() {
	}

	static String newSecret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String hash(String secret) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	static boolean looksLikeSecret(String text) {
		return text.startsWith(PREFIX) && text.length() == PREFIX.length() + 43;
	}

}
