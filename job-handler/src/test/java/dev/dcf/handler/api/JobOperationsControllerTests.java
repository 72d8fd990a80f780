package dev.dcf.handler.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.schedule.RecurringSchedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Cloning and bulk actions over REST, over the real {@link JobService} and validation,
 * with the repositories mocked.
 */
@WebMvcTest({ JobController.class, GeneratorPreviewController.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		JobRemoval.class, ThroughputService.class, RunningJobs.class, GeneratorPreview.class, JobBulk.class,
		QuartzCronRules.class, RecurringSchedules.class, JobWaits.class })

@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = {

		"dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw", "dcf.security.users[0].name=alice",
		"dcf.security.users[0].password={noop}alice-pw", "dcf.security.users[1].name=bob",
		"dcf.security.users[1].password={noop}bob-pw" })
class JobOperationsControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private JobContainerRepository containers;

	@MockitoBean
	private TopicOffsets offsets;

	@MockitoBean
	private JobTopics topics;

	@MockitoBean
	private TopicSampler sampler;

	@MockitoBean
	private RunService runs;

	@BeforeEach
	void saveReturnsTheJob() {
		given(this.jobs.save(any(Job.class))).willAnswer((invocation) -> invocation.getArgument(0));
	}

	@Test
	void aCloneIsANewJobOfTheCallerWithoutTheSecretValues() throws Exception {
		java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
		env.put("RATE", "10");
		env.put("DB_PASSWORD", "hunter2");
		env.put("API_TOKEN", "abc");
		Job original = TestJobs.job(TestJobs.request().name("orders").env(env).build(), "alice",
				WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(original.getId())).willReturn(Optional.of(original));

		this.mvc.perform(post("/api/jobs/{id}/clone", original.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("http://localhost/api/jobs/")))
			.andExpect(jsonPath("$.name").value("copy of orders"))
			.andExpect(jsonPath("$.owner").value("bob"))
			.andExpect(jsonPath("$.state").value("CREATED"))
			.andExpect(jsonPath("$.env.RATE").value("10"));

		org.mockito.ArgumentCaptor<Job> saved = org.mockito.ArgumentCaptor.forClass(Job.class);
		verify(this.jobs).save(saved.capture());
		Job copy = saved.getValue();
		assertThat(copy.getId()).isNotEqualTo(original.getId());
		assertThat(copy.getEnvMap()).containsExactly(java.util.Map.entry("RATE", "10"),
				java.util.Map.entry("DB_PASSWORD", ""), java.util.Map.entry("API_TOKEN", ""));
		assertThat(copy.getImage()).isEqualTo(original.getImage());
		assertThat(copy.getTopic()).isEqualTo(original.getTopic());
		assertThat(original.getEnvMap()).as("shown masked").containsEntry("DB_PASSWORD", "••••••••");
		assertThat(original.getEnv()).as("the original keeps its value")
			.contains(new dev.dcf.handler.job.EnvVar("DB_PASSWORD", "hunter2", true));
		assertThat(copy.getEnv()).as("the copy keeps the variables secret")
			.contains(new dev.dcf.handler.job.EnvVar("DB_PASSWORD", "", true));
	}

	@Test
	void cloningAnUnknownJobIs404Problem() throws Exception {
		this.mvc.perform(post("/api/jobs/{id}/clone", "nope").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void aBulkStopAnswersPerJobWithAProblemForAJobTheUserMayNotTouch() throws Exception {
		Job mine = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		mine.start("started", WebSecurityTestConfiguration.NOW);
		Job bobs = TestJobs.job("bob", WebSecurityTestConfiguration.NOW);
		bobs.start("started", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(mine.getId())).willReturn(Optional.of(mine));
		given(this.jobs.findById(bobs.getId())).willReturn(Optional.of(bobs));

		this.mvc
			.perform(post("/api/jobs/bulk").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"action\": \"stop\", \"ids\": [\"" + mine.getId() + "\", \"" + bobs.getId() + "\"]}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("stop"))
			.andExpect(jsonPath("$.results", hasSize(2)))
			.andExpect(jsonPath("$.results[0].id").value(mine.getId()))
			.andExpect(jsonPath("$.results[0].ok").value(true))
			.andExpect(jsonPath("$.results[0].state").value("COMPLETED"))
			.andExpect(jsonPath("$.results[1].ok").value(false))
			.andExpect(jsonPath("$.results[1].problem.status").value(403))
			.andExpect(jsonPath("$.results[1].problem.detail").value(containsString("owned by bob")));
		assertThat(bobs.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void aBulkRequestWithoutIdsOrWithAnUnknownActionIs400() throws Exception {
		this.mvc
			.perform(post("/api/jobs/bulk").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"action\": \"explode\", \"ids\": [\"x\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		this.mvc
			.perform(post("/api/jobs/bulk").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"action\": \"stop\", \"ids\": []}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("ids"));
	}

	@Test
	void theListSearchesAndSortsAndRefusesAnUnknownColumn() throws Exception {
		given(this.jobs.findAll(ArgumentMatchers.<org.springframework.data.jpa.domain.Specification<Job>>any(),
				any(Pageable.class)))
			.willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		this.mvc.perform(get("/api/jobs?q=orders&owner=alice&sort=name,desc").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk());
		verify(this.jobs).findAll(ArgumentMatchers.<org.springframework.data.jpa.domain.Specification<Job>>any(),
				org.mockito.ArgumentMatchers.eq(PageRequest.of(0, 20,
						org.springframework.data.domain.Sort.by(
								org.springframework.data.domain.Sort.Order.desc("name").ignoreCase(),
								org.springframework.data.domain.Sort.Order.asc("id")))));
		this.mvc.perform(get("/api/jobs?sort=password,asc").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("sort"));
	}

}
