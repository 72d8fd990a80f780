package dev.dcf.schemes.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the schema registry is and how long to wait for it.
 *
 * <p>
 * Basic authentication is taken from the user info of the URL
 * ({@code http://user:password@host:8081}); it is never shown by {@link #toString()} nor
 * in error messages, which use {@link #baseUrl()}.
 *
 * @param url registry base URL, {@code http} or {@code https}
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for a whole answer
 */
public record RegistryClientConfig(String url, Duration connectTimeout, Duration requestTimeout) {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** Default request timeout. */
	public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	public RegistryClientConfig {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("schema registry URL must not be blank");
		}
		url = url.strip();
		URI uri = parse(url);
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new IllegalArgumentException("schema registry URL must be http or https: " + redact(uri));
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("schema registry URL has no host: " + redact(uri));
		}
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(requestTimeout, "requestTimeout");
	}

	/**
	 * A configuration with default timeouts.
	 * @param url registry base URL
	 * @return the configuration
	 */
	public static RegistryClientConfig of(String url) {
		return new RegistryClientConfig(url, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
	}

	/**
	 * The base URL without user info, query or trailing slash, e.g.
	 * {@code http://localhost:8081}. Safe to log.
	 * @return the base URL
	 */
	public String baseUrl() {
		return redact(parse(this.url));
	}

	/**
	 * The {@code user:password} of the URL, percent-decoded, if it has user info.
	 * @return the credentials for HTTP basic authentication
	 */
	public Optional<String> basicAuthCredentials() {
		String userInfo = parse(this.url).getRawUserInfo();
		if (userInfo == null || userInfo.isEmpty()) {
			return Optional.empty();
		}
		int colon = userInfo.indexOf(':');
		String user = (colon < 0) ? userInfo : userInfo.substring(0, colon);
		String password = (colon < 0) ? "" : userInfo.substring(colon + 1);
		return Optional.of(decode(user) + ":" + decode(password));
	}

	/**
	 * This configuration with HTTP Basic credentials, replacing any in the URL: what
	 * Confluent's clients call {@code basic.auth.user.info}.
	 * @param userInfo {@code user:password}
	 * @return the configuration
	 */
	public RegistryClientConfig withUserInfo(String userInfo) {
		int colon = (userInfo != null) ? userInfo.indexOf(':') : -1;
		if (colon <= 0) {
			throw new IllegalArgumentException("registry credentials must be user:password");
		}
		URI uri = parse(this.url);
		String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String url = uri.getScheme() + "://" + encode(userInfo.substring(0, colon)) + ":"
				+ encode(userInfo.substring(colon + 1)) + "@" + uri.getHost() + port + path + query;
		return new RegistryClientConfig(url, this.connectTimeout, this.requestTimeout);
	}

	@Override
	public String toString() {
		return "RegistryClientConfig[url=" + baseUrl() + ", connectTimeout=" + this.connectTimeout + ", requestTimeout="
				+ this.requestTimeout + "]";
	}

	private static URI parse(String url) {
		try {
			return new URI(url);
		}
		catch (URISyntaxException ex) {
			// the input may contain a password: do not echo it
			throw new IllegalArgumentException("schema registry URL is not a valid URI: " + ex.getReason());
		}
	}

	private static String redact(URI uri) {
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
		return uri.getScheme().toLowerCase() + "://" + uri.getHost() + port + path;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
	}

}
