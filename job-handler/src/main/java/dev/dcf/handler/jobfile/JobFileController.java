package dev.dcf.handler.jobfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.job.Actor;

/**
 * {@code POST /api/jobs/apply}: applies a job file (YAML or JSON body), and
 * {@code GET /api/job-file.schema.json}: the file format as a JSON Schema.
 */
@RestController
class JobFileController {

	static final String SCHEMA = "jobfile/job-file.schema.json";

	private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	private final JobFileApply apply;

	JobFileController(JobFileApply apply) {
		this.apply = apply;
	}

	/**
	 * The answer to an apply.
	 *
	 * @param dryRun whether nothing was changed on purpose
	 * @param jobs one outcome per job, in file order
	 */
	record ApplyView(boolean dryRun, List<JobFileApply.Outcome> jobs) {
	}

	@PostMapping(
			path = "/api/jobs/apply", consumes = { "application/yaml", "application/x-yaml", "text/yaml",
					MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE },
			produces = MediaType.APPLICATION_JSON_VALUE)
	ApplyView apply(@RequestBody String file, @RequestParam(defaultValue = "false") boolean dryRun,
			Authentication user) {
		return new ApplyView(dryRun, this.apply.apply(file, actor(user), dryRun));
	}

	@GetMapping(path = "/api/job-file.schema.json", produces = "application/schema+json")
	ResponseEntity<String> schema() throws IOException {
		try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
			return ResponseEntity.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static Actor actor(Authentication user) {
		boolean admin = user.getAuthorities()
			.stream()
			.anyMatch((authority) -> ADMIN_AUTHORITY.equals(authority.getAuthority()));
		return new Actor(user.getName(), admin);
	}

}
