package dev.dcf.handler.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.peek.PeekedRecord;
import dev.dcf.handler.peek.RecordPeek;

/**
 * {@code GET /api/jobs/{id}/records?limit=}: the latest records of a job's topic, decoded
 * (see {@link RecordPeek}), newest first. Readable by whoever may read the job.
 */
@RestController
@RequestMapping("/api/jobs")
class JobRecordsController {

	private final RecordPeek peek;

	JobRecordsController(RecordPeek peek) {
		this.peek = peek;
	}

	@GetMapping("/{id}/records")
	List<PeekedRecord> records(@PathVariable String id,
			@RequestParam(defaultValue = "" + RecordPeek.DEFAULT_LIMIT) int limit) {
		if (limit < 1 || limit > RecordPeek.MAX_LIMIT) {
			throw new InvalidParameterException("limit", "must be between 1 and " + RecordPeek.MAX_LIMIT);
		}
		return this.peek.latestOfJob(id, limit);
	}

}
