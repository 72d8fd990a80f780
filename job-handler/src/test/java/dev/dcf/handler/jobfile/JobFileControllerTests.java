package dev.dcf.handler.jobfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobSettings;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/jobs/apply} over the real services and validation, repositories
 * mocked: what is refused (with lines) and that nothing is stored then.
 */
@WebMvcTest(JobFileController.class)
@Import({ WebSecurityTestConfiguration.class, JobFileApply.class, JobService.class, JobSettings.class,
		RecordsProduced.class, JobRequestValidator.class, QuartzCronRules.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw" })
class JobFileControllerTests {

	private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

	private static final String TWO_JOBS = """
			jobs:
			  - name: orders
			    image: dcf/sample-generator:latest
			    topic: orders
			    containers: 1
			    cpuLimit: 0.5
			    memoryLimitMb: 256
			    durationSeconds: 60
			  - name: clicks
			    image: dcf/sample-generator:latest
			    topic: clicks
			    containers: 1
			    cpuLimit: 0.5
			    memoryLimitMb: 256
			    durationSeconds: 60
			""";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private JobContainerRepository containers;

	@MockitoBean
	private TopicOffsets offsets;

	@BeforeEach
	void saveReturnsTheJob() {
		given(this.jobs.save(any(Job.class))).willAnswer((invocation) -> invocation.getArgument(0));
	}

	@Test
	void newJobsAreCreated() throws Exception {
		this.mvc
			.perform(post("/api/jobs/apply").with(httpBasic("alice", "alice-pw")).contentType(YAML).content(TWO_JOBS))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dryRun").value(false))
			.andExpect(jsonPath("$.jobs", hasSize(2)))
			.andExpect(jsonPath("$.jobs[0].name").value("orders"))
			.andExpect(jsonPath("$.jobs[0].outcome").value("created"))
			.andExpect(jsonPath("$.jobs[0].state").value("CREATED"))
			.andExpect(jsonPath("$.jobs[1].outcome").value("created"));
		verify(this.jobs, times(2)).save(any(Job.class));
	}

	@Test
	void aDryRunStoresNothing() throws Exception {
		this.mvc
			.perform(post("/api/jobs/apply?dryRun=true").with(httpBasic("alice", "alice-pw"))
				.contentType(YAML)
				.content(TWO_JOBS))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.dryRun").value(true))
			.andExpect(jsonPath("$.jobs[1].outcome").value("created"))
			.andExpect(jsonPath("$.jobs[1].id").doesNotExist());
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void aJobThatBreaksARuleRefusesTheWholeFileWithTheLineOfTheField() throws Exception {
		String file = TWO_JOBS.replace("topic: clicks\n    containers: 1", "topic: clicks\n    containers: 0");
		this.mvc.perform(post("/api/jobs/apply").with(httpBasic("alice", "alice-pw")).contentType(YAML).content(file))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid job file"))
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("jobs[1].containers"))
			.andExpect(jsonPath("$.errors[0].line").value(12))
			.andExpect(jsonPath("$.errors[0].message").isString());
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void twoJobsWithTheSameNameAreRefused() throws Exception {
		String file = TWO_JOBS.replace("name: clicks", "name: orders");
		this.mvc.perform(post("/api/jobs/apply").with(httpBasic("alice", "alice-pw")).contentType(YAML).content(file))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("jobs[1].name"))
			.andExpect(jsonPath("$.errors[0].line").value(9));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void jsonThatDoesNotParseIsRefusedWithItsLine() throws Exception {
		this.mvc
			.perform(post("/api/jobs/apply").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"a\",\n \"topic\": \"a\"\n \"containers\": 1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].line").value(3));
	}

	@Test
	void aNameUsedByTwoOfTheCallersJobsIsAConflict() throws Exception {
		Job one = dev.dcf.handler.job.TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		Job two = dev.dcf.handler.job.TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findAll(ArgumentMatchers.<Specification<Job>>any())).willReturn(List.of(one, two));
		this.mvc
			.perform(post("/api/jobs/apply").with(httpBasic("alice", "alice-pw")).contentType(YAML).content(TWO_JOBS))
			.andExpect(status().isConflict());
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void aJobIsFoundByNameAmongTheCallersJobs() throws Exception {
		Job orders = dev.dcf.handler.job.TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findAll(ArgumentMatchers.<Specification<Job>>any())).willReturn(List.of(orders));
		this.mvc.perform(get("/api/jobs/by-name/sample").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(orders.getId()))
			.andExpect(jsonPath("$.state").value("CREATED"));
		given(this.jobs.findAll(ArgumentMatchers.<Specification<Job>>any())).willReturn(List.of());
		this.mvc.perform(get("/api/jobs/by-name/sample").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Job not found"));
		this.mvc.perform(get("/api/jobs/by-name/events").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value("You have no job named 'events'"));
	}

	@Test
	void applyingNeedsALogin() throws Exception {
		this.mvc.perform(post("/api/jobs/apply").contentType(YAML).content(TWO_JOBS))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void theServedSchemaIsTheOneInDocs() throws Exception {
		String served = this.mvc.perform(get("/api/job-file.schema.json").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(served).isEqualTo(Files.readString(Path.of("../docs/job-file.schema.json")));
	}

}
