package dev.dcf.handler.jobfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.JobSettings;

/**
 * {@code POST /api/jobs/apply}: applies a job file (YAML or JSON body), and
 * {@code GET /api/job-file.schema.json}: the file format as a JSON Schema, and {@code GET
 * /api/jobs/by-name/{name}}: the caller's job of that name.
 */
@RestController
class JobFileController {

	static final String SCHEMA = "jobfile/job-file.schema.json";

	private static final String ADMIN_AUTHORITY = "ROLE_ADMIN";

	private final JobFileApply apply;

	private final JobSettings settings;

	JobFileController(JobFileApply apply, JobSettings settings) {
		this.apply = apply;
		this.settings = settings;
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

	/**
	 * The caller's job of a name, for clients that know jobs by name (the command line).
	 *
	 * @param id the job's id
	 * @param name its name
	 * @param owner its owner (the caller)
	 * @param state its state
	 */
	record NamedJob(String id, String name, String owner, String state) {
	}

	@GetMapping("/api/jobs/by-name/{name}")
	ResponseEntity<?> byName(@PathVariable String name, Authentication user) {
		return this.settings.findOne(user.getName(), name)
			.<ResponseEntity<?>>map((job) -> ResponseEntity
				.ok(new NamedJob(job.getId(), job.getName(), job.getOwner(), job.getState().name())))
			.orElseGet(() -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						"You have no job named '" + name + "'");
				problem.setTitle("Job not found");
				return ResponseEntity.status(HttpStatus.NOT_FOUND)
					.contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.body(problem);
			});
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
