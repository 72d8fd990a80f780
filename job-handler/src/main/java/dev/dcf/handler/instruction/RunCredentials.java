package dev.dcf.handler.instruction;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The naming and password rules of per-run principals (docs/security.md): user
 * {@code dcf-run-<job id>-<run number>}, password an HMAC-SHA256 of that name under a
 * handler secret, so every handler of one database derives the same one, a CREATE sent
 * twice carries the same one, and nothing is stored.
 */
final class RunCredentials {

	static final String PREFIX = "dcf-run-";

	static final String MECHANISM = "SCRAM-SHA-512";

	private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(.+)-(\\d{1,9})");

	private final byte[] secret;

	private final String securityProtocol;

	RunCredentials(byte[] secret, String securityProtocol) {
		this.secret = secret.clone();
		this.securityProtocol = securityProtocol;
	}

	static String user(String jobId, int runNumber) {
		return PREFIX + jobId + "-" + runNumber;
	}

	/** The job id and run number of a run user; empty for any other user. */
	static Optional<Run> parse(String user) {
		Matcher matcher = NAME.matcher(user);
		return matcher.matches() ? Optional.of(new Run(matcher.group(1), Integer.parseInt(matcher.group(2))))
				: Optional.empty();
	}

	String password(String user) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
			byte[] digest = mac.doFinal(("dcf-kafka-run-principal\n" + user).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * The container's client settings, named as many images read them: the Kafka property
	 * upper-cased, dots as underscores, prefixed {@code KAFKA_}; and the registry
	 * client's {@code basic.auth.user.info} the same way, prefixed
	 * {@code SCHEMA_REGISTRY_}.
	 */
	Map<String, String> environment(String user) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("KAFKA_SECURITY_PROTOCOL", this.securityProtocol);
		env.put("KAFKA_SASL_MECHANISM", MECHANISM);
		env.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
				+ user + "\" password=\"" + password(user) + "\";");
		// the same user for the schema registry, which lets it write its topic's subjects
		env.put("SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO", user + ":" + password(user));
		return env;
	}

	/** A job run a user belongs to. */
	record Run(String jobId, int runNumber) {
	}

}
