package dev.dcf.standalone.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handler's REST API with the token as {@code Authorization: Bearer}. Every answer
 * that is not a 2xx becomes a {@link CliException} carrying the problem's detail and an
 * {@link ExitCode} that follows its status.
 */
class ApiClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private final CliConfig config;

	private final HttpClient http;

	ApiClient(CliConfig config) {
		this.config = config;
		this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param contentType its content type, empty if none
	 * @param body the body as text
	 */
	record Response(int status, String contentType, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	Response get(String path) {
		return send(request(path, REQUEST_TIMEOUT).GET().build());
	}

	Response get(String path, String accept, Duration timeout) {
		return send(request(path, timeout).header("Accept", accept).GET().build());
	}

	Response post(String path, String contentType, String body) {
		return send(request(path, REQUEST_TIMEOUT).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build());
	}

	Response post(String path) {
		return send(request(path, REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	Response delete(String path) {
		return send(request(path, REQUEST_TIMEOUT).DELETE().build());
	}

	/**
	 * A streamed answer, line by line (server-sent events); no request timeout.
	 * @param path the path and query
	 * @param accept the media type asked for
	 * @return the answer with its lines; the caller closes the stream
	 */
	HttpResponse<Stream<String>> stream(String path, String accept) {
		HttpRequest request = request(path, null).header("Accept", accept).GET().build();
		try {
			HttpResponse<Stream<String>> response = this.http.send(request, HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() >= 300) {
				String body;
				try (Stream<String> lines = response.body()) {
					body = String.join("\n", lines.toList());
				}
				fail(new Response(response.statusCode(), contentType(response), body));
			}
			return response;
		}
		catch (IOException ex) {
			throw unreachable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCode.FAILED, "interrupted");
		}
	}

	private HttpRequest.Builder request(String path, Duration timeout) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.config.url() + path));
		if (timeout != null) {
			builder.timeout(timeout);
		}
		if (this.config.token() != null) {
			builder.header("Authorization", "Bearer " + this.config.token());
		}
		return builder;
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> answer = this.http.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			Response response = new Response(answer.statusCode(), contentType(answer), answer.body());
			if (response.status() >= 300) {
				fail(response);
			}
			return response;
		}
		catch (HttpTimeoutException ex) {
			throw new CliException(ExitCode.TIMEOUT, "no answer from " + this.config.url() + " in time");
		}
		catch (IOException ex) {
			throw unreachable(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CliException(ExitCode.FAILED, "interrupted");
		}
	}

	private CliException unreachable(IOException ex) {
		String why = (ex instanceof ConnectException) ? "connection refused" : String.valueOf(ex.getMessage());
		return new CliException(ExitCode.FAILED, "cannot reach the handler at " + this.config.url() + ": " + why
				+ " (set DCF_URL or url= in the config file)");
	}

	private static String contentType(HttpResponse<?> response) {
		return response.headers().firstValue("Content-Type").orElse("");
	}

	private void fail(Response response) {
		ExitCode exit = switch (response.status()) {
			case 401, 403 -> ExitCode.NOT_AUTHORIZED;
			case 404 -> ExitCode.NOT_FOUND;
			default -> ExitCode.FAILED;
		};
		String message = "HTTP " + response.status();
		boolean problem = response.contentType().contains("json") && !response.body().isBlank();
		if (problem) {
			try {
				JsonNode json = response.json();
				message = json.path("title").asString("HTTP " + response.status());
				if (!json.path("detail").asString("").isEmpty()) {
					message += ": " + json.path("detail").asString();
				}
			}
			catch (RuntimeException ex) {
				problem = false;
			}
		}
		if (response.status() == 401) {
			message += (this.config.token() == null)
					? " (no API token: set DCF_TOKEN or token= in the config file; create one on the handler's"
							+ " \"API tokens\" page)"
					: " (the API token is wrong, expired or revoked)";
		}
		throw new CliException(exit, message, problem ? response.body() : null);
	}

}
