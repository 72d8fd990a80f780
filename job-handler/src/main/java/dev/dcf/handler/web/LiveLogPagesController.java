package dev.dcf.handler.web;

import dev.dcf.handler.logs.LiveLogProperties;
import dev.dcf.handler.logs.LiveLogs;
import dev.dcf.handler.logs.SseLogViewer;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The job page's live output (fragments/logs.html, js/job-logs.js): the same event stream
 * as the API's {@code ?follow=true}, under the page's session login.
 */
@Controller
class LiveLogPagesController {

	private static final int MAX_TAIL = 1000;

	private final LiveLogs live;

	private final LiveLogProperties properties;

	LiveLogPagesController(LiveLogs live, LiveLogProperties properties) {
		this.live = live;
		this.properties = properties;
	}

	@GetMapping("/jobs/{id}/containers/{index}/logs/follow")
	SseEmitter follow(@PathVariable String id, @PathVariable int index, @RequestParam(defaultValue = "100") int tail) {
		if (index < 0 || tail < 0 || tail > MAX_TAIL) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"index must be 0 or more and tail between 0 and " + MAX_TAIL);
		}
		return SseLogViewer.stream(this.live, this.properties, id, index, tail);
	}

}
