package dev.dcf.standalone.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the handler is and the API token: {@code --url}, then {@code DCF_URL}, then
 * {@code url=} of the config file, then {@code http://localhost:8080}; the token from
 * {@code DCF_TOKEN}, then {@code token=} of the config file ({@code DCF_CONFIG}, default
 * {@code ~/.config/dcf/config}), never from the command line.
 *
 * @param url the handler's base URL
 * @param token the API token, {@code null} if none
 */
record CliConfig(URI url, String token) {

	static final String DEFAULT_URL = "http://localhost:8080";

	static CliConfig load(String urlOption, Map<String, String> env) {
		Path file = (env.get("DCF_CONFIG") != null) ? Path.of(env.get("DCF_CONFIG"))
				: Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "dcf", "config");
		Properties properties = new Properties();
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new CliException(ExitCode.FAILED, "cannot read " + file + ": " + ex.getMessage());
			}
		}
		else if (env.get("DCF_CONFIG") != null) {
			throw new CliException(ExitCode.USAGE, "DCF_CONFIG names " + file + ", which does not exist");
		}
		String url = first(urlOption, env.get("DCF_URL"), properties.getProperty("url"), DEFAULT_URL);
		String token = first(env.get("DCF_TOKEN"), properties.getProperty("token"));
		try {
			URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw new IllegalArgumentException("not http(s)");
			}
			return new CliConfig(uri, token);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ExitCode.USAGE, "the handler's URL " + url + " is not an http(s) URL");
		}
	}

	private static String first(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value.strip();
			}
		}
		return null;
	}

}
