package dev.dcf.handler.api;

import java.util.List;

import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.PreviewRecord;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/jobs/preview}: the first records a job's built-in generator would
 * write, rendered here with the same engine; stores nothing (docs/usage.md, "The built-in
 * generator"). Reads the body's {@code generator} and {@code env} ({@code SEED}).
 */
@RestController
class GeneratorPreviewController {

	private final GeneratorPreview preview;

	GeneratorPreviewController(GeneratorPreview preview) {
		this.preview = preview;
	}

	@PostMapping("/api/jobs/preview")
	List<PreviewRecord> preview(@RequestBody JobRequest request) {
		return this.preview.preview(request.generator(), request.env());
	}

}
