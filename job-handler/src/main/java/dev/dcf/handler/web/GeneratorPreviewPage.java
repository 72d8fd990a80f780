package dev.dcf.handler.web;

import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.InvalidJobRequestException;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.PreviewRecord;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * "Preview" on the form: the first records of the form's built-in generator, as an HTML
 * fragment the form shows in place (static/js/job-form.js); its field errors go next to
 * the fields. The page twin of {@code POST /api/jobs/preview}; stores nothing.
 */
@Controller
class GeneratorPreviewPage {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final GeneratorPreview preview;

	GeneratorPreviewPage(GeneratorPreview preview) {
		this.preview = preview;
	}

	@PostMapping("/jobs/preview")
	String preview(@ModelAttribute("job") JobForm form, BindingResult result, Model model) {
		JobRequest request = form.toRequest(result);
		try {
			model.addAttribute("records",
					this.preview.preview(request.generator(), request.env()).stream().map(Shown::of).toList());
		}
		catch (InvalidJobRequestException ex) {
			model.addAttribute("problems", ex.violations());
		}
		return "jobs/preview :: preview";
	}

	/**
	 * One record as the fragment shows it.
	 *
	 * @param key the key as JSON, {@code null} without key
	 * @param value the value as indented JSON
	 * @param headers the headers
	 */
	record Shown(String key, String value, Map<String, String> headers) {

		static Shown of(PreviewRecord record) {
			String key = (record.key() == null) ? null
					: (record.key() instanceof String text) ? text : JSON.writeValueAsString(record.key());
			return new Shown(key, JSON.writeValueAsString(record.value()), record.headers());
		}

	}

}
