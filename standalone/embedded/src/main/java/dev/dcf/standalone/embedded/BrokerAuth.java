package dev.dcf.standalone.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Authentication and authorization of an {@link EmbeddedKafka}: SASL on every listener
 * (the controller's too, so no port lets an anonymous client in) and Kafka's own
 * {@code StandardAuthorizer}, which refuses whatever no ACL allows.
 * <p>
 * Service principals (the broker itself, the handler, the agents) are fixed users of
 * mechanism {@code PLAIN}, known to the broker from its configuration, so they work from
 * the first start of a fresh or an old log directory. Per-run principals are created
 * later through the Admin API as {@code SCRAM-SHA-512} users (whose password never
 * crosses the wire). The broker's own user is the only super user; every other principal
 * gets exactly the ACLs someone with the right to alter them grants.
 * <p>
 * Over {@code SASL_PLAINTEXT} a PLAIN password travels in clear on the network: that is
 * fine on {@code localhost} (the standalone, the tests); a broker reachable from other
 * hosts needs TLS in front.
 */
public final class BrokerAuth {

	/** The security protocol clients use. */
	public static final String PROTOCOL = "SASL_PLAINTEXT";

	/** Mechanism of the fixed service users. */
	public static final String SERVICE_MECHANISM = "PLAIN";

	/** Mechanism of users created through the Admin API (per-run principals). */
	public static final String RUN_MECHANISM = "SCRAM-SHA-512";

	static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final String brokerUser;

	private final Map<String, String> users;

	private final java.util.Set<String> superUsers;

	private BrokerAuth(String brokerUser, Map<String, String> users, java.util.Set<String> superUsers) {
		this.brokerUser = brokerUser;
		this.users = Map.copyOf(users);
		this.superUsers = java.util.Set.copyOf(superUsers);
	}

	/**
	 * Authentication with the broker's own (super) user; add the services with
	 * {@link #withUser}.
	 */
	public static BrokerAuth withBrokerUser(String name, String password) {
		Map<String, String> users = new LinkedHashMap<>();
		users.put(checkName(name), checkPassword(password));
		return new BrokerAuth(name, users, java.util.Set.of(name));
	}

	/** Another fixed user (mechanism PLAIN), with no rights until ACLs grant some. */
	public BrokerAuth withUser(String name, String password) {
		Map<String, String> users = new LinkedHashMap<>(this.users);
		if (users.putIfAbsent(checkName(name), checkPassword(password)) != null) {
			throw new IllegalArgumentException("user " + name + " is defined twice");
		}
		return new BrokerAuth(this.brokerUser, users, this.superUsers);
	}

	/**
	 * Another fixed user that may do anything (e.g. the job handler, which creates the
	 * per-run principals and their ACLs: the right to alter ACLs is the right to grant
	 * itself anything).
	 */
	public BrokerAuth withSuperUser(String name, String password) {
		BrokerAuth withUser = withUser(name, password);
		java.util.Set<String> superUsers = new java.util.LinkedHashSet<>(this.superUsers);
		superUsers.add(name);
		return new BrokerAuth(this.brokerUser, withUser.users, superUsers);
	}

	public String brokerUser() {
		return this.brokerUser;
	}

	/** Client settings for a fixed user (security protocol, mechanism, JAAS line). */
	public Map<String, String> clientProperties(String user) {
		String password = this.users.get(user);
		if (password == null) {
			throw new IllegalArgumentException("no such user: " + user);
		}
		return plainClientProperties(user, password);
	}

	/**
	 * {@code user:password} of a fixed user, as HTTP Basic credentials (a registry that
	 * authorizes writes checks them against this broker).
	 */
	public String basicUserInfo(String user) {
		String password = this.users.get(user);
		if (password == null) {
			throw new IllegalArgumentException("no such user: " + user);
		}
		return user + ":" + password;
	}

	/**
	 * Client settings for a fixed user (mechanism PLAIN) of any broker configured like
	 * this one (the compose files' users, the standalone's from its data directory).
	 */
	public static Map<String, String> plainClientProperties(String user, String password) {
		return clientProperties(SERVICE_MECHANISM, plainJaas(checkName(user), checkPassword(password)));
	}

	/** Client settings for a SCRAM user created through the Admin API. */
	public static Map<String, String> scramClientProperties(String user, String password) {
		return clientProperties(RUN_MECHANISM, "org.apache.kafka.common.security.scram.ScramLoginModule required"
				+ " username=\"" + checkName(user) + "\" password=\"" + checkPassword(password) + "\";");
	}

	private static Map<String, String> clientProperties(String mechanism, String jaas) {
		Map<String, String> props = new LinkedHashMap<>();
		props.put("security.protocol", PROTOCOL);
		props.put("sasl.mechanism", mechanism);
		props.put("sasl.jaas.config", jaas);
		return props;
	}

	/** Listener and authorizer settings; the listener names are those of the defaults. */
	Map<String, String> brokerProperties(String clientListener, String controllerListener) {
		Map<String, String> props = new LinkedHashMap<>();
		props.put("listener.security.protocol.map",
				clientListener + ":" + PROTOCOL + "," + controllerListener + ":" + PROTOCOL);
		props.put("sasl.enabled.mechanisms", SERVICE_MECHANISM + "," + RUN_MECHANISM);
		props.put("sasl.mechanism.inter.broker.protocol", SERVICE_MECHANISM);
		props.put("sasl.mechanism.controller.protocol", SERVICE_MECHANISM);
		props.putAll(listenerProperties(clientListener));
		props.putAll(listenerProperties(controllerListener));
		props.put("authorizer.class.name", AUTHORIZER);
		props.put("super.users", String.join(";", this.superUsers.stream().sorted().map((u) -> "User:" + u).toList()));
		props.put("allow.everyone.if.no.acl.found", "false");
		return props;
	}

	/**
	 * The server side of both mechanisms on one more listener (a broker may have several
	 * client listeners; each needs its own, and its protocol mapped to
	 * {@link #PROTOCOL}).
	 * @param listener the listener's name
	 */
	public Map<String, String> listenerProperties(String listener) {
		StringBuilder server = new StringBuilder(plainJaas(this.brokerUser, this.users.get(this.brokerUser)));
		server.setLength(server.length() - 1);
		this.users.forEach(
				(name, password) -> server.append(" user_").append(name).append("=\"").append(password).append('"'));
		server.append(';');
		String prefix = "listener.name." + listener.toLowerCase(java.util.Locale.ROOT) + ".";
		Map<String, String> props = new LinkedHashMap<>();
		props.put(prefix + "plain.sasl.jaas.config", server.toString());
		props.put(prefix + "scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		return props;
	}

	private static String plainJaas(String user, String password) {
		return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
				+ password + "\";";
	}

	private static String checkName(String name) {
		Objects.requireNonNull(name, "name");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("user names are 1-64 letters, digits, '.', '_' or '-': " + name);
		}
		return name;
	}

	// quotes and backslashes would break the JAAS line
	private static String checkPassword(String password) {
		Objects.requireNonNull(password, "password");
		if (password.length() < 16 || password.contains("\"") || password.contains("\\")) {
			throw new IllegalArgumentException("passwords have at least 16 characters and no quote or backslash");
		}
		return password;
	}

	@Override
	public String toString() {
		return "BrokerAuth[broker user " + this.brokerUser + ", users " + this.users.keySet() + "]";
	}

}
