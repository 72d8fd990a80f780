package dev.dcf.standalone.embedded;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Who may change the registry, decided by Kafka's own users and ACLs: a write (a new
 * schema version, a compatibility level) must carry HTTP Basic credentials of a Kafka
 * user, which the registry checks by logging in to the broker as that user
 * ({@code SCRAM-SHA-512}, then {@code PLAIN}). A user Kafka lets alter the cluster (the
 * services, the super users) may write anything; any other user only the subjects of
 * topics it may write ({@code <topic>-key}, {@code <topic>-value}). A job run's principal
 * may thus register its own topic's schemas and nothing else. Reads stay open: consumers
 * decode by schema id. A yes stands for a minute for the same user, password and subject.
 */
final class KafkaWriteAuthorization {

	private static final Pattern SUBJECT_OF_TOPIC = Pattern.compile("(.+)-(key|value)");

	/**
	 * DCF names its runs' principals {@code dcf-run-<job>-<run>} (SCRAM users); other
	 * users are services (PLAIN). Only the order of the attempts: a failed login is
	 * logged as an error by Kafka's client, so the likely mechanism goes first.
	 */
	private static final String RUN_PRINCIPAL_PREFIX = "dcf-run-";

	private static final int MAX_REMEMBERED = 1000;

	/**
	 * How long a yes stands: many clients of one user register the same subjects (every
	 * agent its status schemas); a no is asked again every time.
	 */
	private static final Duration ALLOWED_FOR = Duration.ofMinutes(1);

	private final Map<String, String> mechanisms = new ConcurrentHashMap<>();

	/** User, password digest and subject of recent yeses, to when they stand. */
	private final Map<String, Long> allowed = new ConcurrentHashMap<>();

	private final String bootstrapServers;

	private final Duration timeout;

	KafkaWriteAuthorization(String bootstrapServers, Duration timeout) {
		this.bootstrapServers = bootstrapServers;
		this.timeout = timeout;
	}

	/**
	 * Returns if the caller may write {@code subject}, throws otherwise.
	 * @param authorization the request's {@code Authorization} header, or null
	 * @param subject the subject written, or null for the global configuration
	 * @throws RegistryException 401 without valid credentials, 403 if not allowed
	 */
	void check(String authorization, String subject) {
		String[] login = basicLogin(authorization);
		String verdict = verdictKey(login, subject);
		Long allowedUntil = this.allowed.get(verdict);
		if (allowedUntil != null && allowedUntil > System.nanoTime()) {
			return;
		}
		for (String mechanism : mechanismsOf(login[0])) {
			try (Admin admin = Admin.create(clientProperties(mechanism, login[0], login[1]))) {
				boolean mayWrite = allowed(admin, subject);
				remember(this.mechanisms, login[0], mechanism);
				if (mayWrite) {
					remember(this.allowed, verdict, System.nanoTime() + ALLOWED_FOR.toNanos());
					return;
				}
				throw RegistryException.forbidden("User " + login[0] + " may not write "
						+ ((subject != null) ? "subject " + subject : "the global configuration")
						+ ": only subjects of topics it may write (<topic>-key, <topic>-value)");
			}
			catch (AuthenticationException ex) {
				// the other mechanism may know this user
			}
		}
		throw RegistryException.unauthenticated("Invalid user name or password for writes");
	}

	private static String verdictKey(String[] login, String subject) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((login[0] + '\n' + login[1]).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(digest) + '\n' + subject;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The mechanisms to log in with, in order: the one that worked before (a user's next
	 * write logs in once, not twice), else the likely one by its name.
	 */
	List<String> mechanismsOf(String user) {
		String first = this.mechanisms.getOrDefault(user,
				user.startsWith(RUN_PRINCIPAL_PREFIX) ? BrokerAuth.RUN_MECHANISM : BrokerAuth.SERVICE_MECHANISM);
		return first.equals(BrokerAuth.RUN_MECHANISM) ? List.of(BrokerAuth.RUN_MECHANISM, BrokerAuth.SERVICE_MECHANISM)
				: List.of(BrokerAuth.SERVICE_MECHANISM, BrokerAuth.RUN_MECHANISM);
	}

	/**
	 * Puts into a memory that forgets everything when full: a bound, not a cache policy.
	 */
	private static <V> void remember(Map<String, V> memory, String key, V value) {
		if (memory.size() >= MAX_REMEMBERED) {
			memory.clear();
		}
		memory.put(key, value);
	}

	private boolean allowed(Admin admin, String subject) {
		Set<AclOperation> cluster = get(admin
			.describeCluster(new DescribeClusterOptions().includeAuthorizedOperations(true)
				.timeoutMs((int) this.timeout.toMillis()))
			.authorizedOperations());
		if (cluster != null && (cluster.contains(AclOperation.ALTER) || cluster.contains(AclOperation.ALL))) {
			return true;
		}
		var topicSubject = (subject != null) ? SUBJECT_OF_TOPIC.matcher(subject) : null;
		if (topicSubject == null || !topicSubject.matches()) {
			return false;
		}
		String topic = topicSubject.group(1);
		try {
			TopicDescription description = get(admin
				.describeTopics(List.of(topic),
						new DescribeTopicsOptions().includeAuthorizedOperations(true)
							.timeoutMs((int) this.timeout.toMillis()))
				.allTopicNames()).get(topic);
			Set<AclOperation> operations = description.authorizedOperations();
			return operations != null
					&& (operations.contains(AclOperation.WRITE) || operations.contains(AclOperation.ALL));
		}
		catch (AuthorizationException | UnknownTopicOrPartitionException ex) {
			return false;
		}
	}

	private <T> T get(KafkaFuture<T> future) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw RegistryException.store("Kafka could not check the writer: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw RegistryException.timeout("Kafka did not answer in " + this.timeout + " to check the writer", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw RegistryException.store("Interrupted while checking the writer", ex);
		}
	}

	private Map<String, Object> clientProperties(String mechanism, String user, String password) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, BrokerAuth.PROTOCOL);
		properties.put("sasl.mechanism", mechanism);
		String module = mechanism.equals(BrokerAuth.SERVICE_MECHANISM)
				? "org.apache.kafka.common.security.plain.PlainLoginModule"
				: "org.apache.kafka.common.security.scram.ScramLoginModule";
		properties.put("sasl.jaas.config",
				module + " required username=\"" + user + "\" password=\"" + password + "\";");
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeout.toMillis());
		// a wrong password is an answer, not something to retry
		properties.put(AdminClientConfig.RETRIES_CONFIG, 0);
		return properties;
	}

	/** User and password of a Basic header; quotes and backslashes would break JAAS. */
	private static String[] basicLogin(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			throw RegistryException
				.unauthenticated("Writes need the credentials of a Kafka user (HTTP Basic authentication)");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw RegistryException.unauthenticated("Malformed HTTP Basic credentials");
		}
		int colon = decoded.indexOf(':');
		if (colon <= 0 || decoded.chars().anyMatch((c) -> c == '"' || c == '\\' || c < 0x20)) {
			throw RegistryException.unauthenticated("Malformed HTTP Basic credentials");
		}
		return new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
	}

}
