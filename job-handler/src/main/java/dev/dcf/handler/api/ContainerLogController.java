package dev.dcf.handler.api;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.logs.KeptOutput;
import dev.dcf.handler.logs.LiveLogProperties;
import dev.dcf.handler.logs.LiveLogs;
import dev.dcf.handler.logs.SseLogViewer;

/**
 * {@code /api/jobs/{id}/containers/{index}/logs}: a running container's live output
 * ({@code ?follow=true}), or the end of a container's output kept when it exited
 * (docs/usage.md, "Container logs"). JSON by default; text with
 * {@code Accept: text/plain} or {@code ?format=text}; {@code ?download=true} makes it an
 * attachment. A thin wrapper over {@link ContainerLogService}.
 */
@RestController
@RequestMapping("/api/jobs/{id}/containers/{index}/logs")
class ContainerLogController {

	/** Lines kept of an exited container, so the most one can ask for. */
	static final int MAX_TAIL = 100;

	/** Past lines a live follow may start with (the agents' default bound). */
	static final int MAX_FOLLOW_TAIL = 1000;

	private final ContainerLogService logs;

	private final LiveLogs live;

	private final LiveLogProperties liveProperties;

	ContainerLogController(ContainerLogService logs, LiveLogs live, LiveLogProperties liveProperties) {
		this.logs = logs;
		this.live = live;
		this.liveProperties = liveProperties;
	}

	/**
	 * {@code ?follow=true}: the container's live output as server-sent events (see
	 * {@link SseLogViewer}), starting with its last {@code tail} lines.
	 */
	@GetMapping(params = "follow=true")
	SseEmitter follow(@PathVariable String id, @PathVariable int index, @RequestParam(defaultValue = "100") int tail) {
		if (index < 0) {
			throw new InvalidParameterException("index", "must be 0 or more");
		}
		if (tail < 0 || tail > MAX_FOLLOW_TAIL) {
			throw new InvalidParameterException("tail", "must be between 0 and " + MAX_FOLLOW_TAIL + " when following");
		}
		return SseLogViewer.stream(this.live, this.liveProperties, id, index, tail);
	}

	@GetMapping
	ResponseEntity<?> logs(@PathVariable String id, @PathVariable int index,
			@RequestParam(defaultValue = "100") int tail, @RequestParam(required = false) String format,
			@RequestParam(defaultValue = "false") boolean download,
			@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
		if (index < 0) {
			throw new InvalidParameterException("index", "must be 0 or more");
		}
		if (tail < 1 || tail > MAX_TAIL) {
			throw new InvalidParameterException("tail", "must be between 1 and " + MAX_TAIL);
		}
		boolean text = text(format, accept);
		KeptOutput kept = this.logs.newest(id, index).orElseThrow(() -> notKept(id, index)).last(tail);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(
					text ? new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON);
		if (download) {
			String name = "job-" + id + "-run-" + kept.runNumber() + "-container-" + index + (text ? ".log" : ".json");
			response.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name).build().toString());
		}
		return text ? response.body(kept.text()) : response.body(kept);
	}

	/** Text if asked for by parameter, or if the Accept header prefers it over JSON. */
	static boolean text(String format, String accept) {
		if (format != null) {
			return switch (format) {
				case "text" -> true;
				case "json" -> false;
				default -> throw new InvalidParameterException("format", "must be json or text");
			};
		}
		if (accept == null || accept.isBlank()) {
			return false;
		}
		double textQuality = 0;
		double jsonQuality = 0;
		try {
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.getType().equals("text") && (type.isWildcardSubtype() || type.getSubtype().equals("plain"))) {
					textQuality = Math.max(textQuality, type.getQualityValue());
				}
				else if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
					jsonQuality = Math.max(jsonQuality, type.getQualityValue());
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		return textQuality > jsonQuality;
	}

	private static ErrorResponseException notKept(String id, int index) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No output of container " + index
				+ " of job " + id + " is kept: it is kept when a container exits, for the newest runs");
		problem.setTitle("No container output kept");
		return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
	}

}
