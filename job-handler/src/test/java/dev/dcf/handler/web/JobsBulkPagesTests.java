package dev.dcf.handler.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.dryrun.DryRunRecord;
import dev.dcf.handler.dryrun.DryRunResult;
import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.dryrun.DryRunUnavailableException;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TopicFacts;
import dev.dcf.handler.job.TopicInspector;
import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.peek.RecordPeek;
import dev.dcf.handler.peek.TopicReader;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.SecretNames;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;
import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.schedule.RecurringSchedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The jobs page's search, sorting and actions on selected jobs, over the real
 * {@link JobService}, bulk actions and security, with the repositories mocked.
 */
@WebMvcTest({ JobPagesController.class, JobBulkPagesController.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		Formats.class, JobRemoval.class, ThroughputService.class, RunningJobs.class, RecordPeek.class,
		GeneratorPreview.class, JobBulk.class, QuartzCronRules.class, RecurringSchedules.class, ScheduleTimes.class,
		LogsCard.class, StatsCards.class, ContainerStatsService.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw",
		"dcf.security.users[1].name=bob", "dcf.security.users[1].password={noop}bob-pw" })
class JobsBulkPagesTests {

	private static final Instant NOW = WebSecurityTestConfiguration.NOW;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private ContainerLogService containerLogs;

	@MockitoBean
	private JobContainerRepository containers;

	@MockitoBean
	private TopicOffsets offsets;

	@MockitoBean
	private JobTopics topics;

	@MockitoBean
	private TopicSampler sampler;

	@MockitoBean
	private TopicInspector inspector;

	@MockitoBean
	private RunService runs;

	@MockitoBean
	private DryRunService dryRuns;

	@MockitoBean
	private TopicReader reader;

	@BeforeEach
	void saveReturnsTheJob() {
		given(this.jobs.save(any(Job.class))).willAnswer((invocation) -> invocation.getArgument(0));
		given(this.jobs.findById(anyString())).willReturn(Optional.empty());
	}

	@Test
	void theJobsPageSearchesAndSortsAndShowsTheSearchAndTheBulkButtons() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findAll(ArgumentMatchers.<org.springframework.data.jpa.domain.Specification<Job>>any(),
				any(org.springframework.data.domain.Pageable.class)))
			.willReturn(new org.springframework.data.domain.PageImpl<>(java.util.List.of(job),
					org.springframework.data.domain.PageRequest.of(0, 20), 1));

		this.mvc.perform(get("/").param("q", "sam").param("sort", "name,desc").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"job-search\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"sam\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"bulk-stop\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/js/jobs-bulk.js")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(job.getId())));
		then(this.jobs).should()
			.findAll(ArgumentMatchers.<org.springframework.data.jpa.domain.Specification<Job>>any(),
					org.mockito.ArgumentMatchers.eq(org.springframework.data.domain.PageRequest.of(0, 20,
							org.springframework.data.domain.Sort.by(
									org.springframework.data.domain.Sort.Order.desc("name").ignoreCase(),
									org.springframework.data.domain.Sort.Order.asc("id")))));
	}

	@Test
	void aBulkStopFromThePageGivesOneResultPerJobAndNeedsCsrf() throws Exception {
		Job mine = TestJobs.job("alice", NOW);
		mine.start("started", NOW);
		Job bobs = TestJobs.job("bob", NOW);
		bobs.start("started", NOW);
		given(this.jobs.findById(mine.getId())).willReturn(Optional.of(mine));
		given(this.jobs.findById(bobs.getId())).willReturn(Optional.of(bobs));

		this.mvc
			.perform(post("/jobs/bulk").param("action", "stop")
				.param("ids", mine.getId(), bobs.getId())
				.param("back", "/?q=x")
				.with(user("alice")))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/jobs/bulk").param("action", "stop")
				.param("ids", mine.getId(), bobs.getId())
				.param("back", "/?q=x")
				.with(user("alice"))
				.with(csrf()))
			.andExpect(redirectedUrl("/?q=x"))
			.andExpect(flash().attribute("bulkSummary", "stop: 1 of 2 jobs done"));
		org.assertj.core.api.Assertions.assertThat(mine.getState()).isEqualTo(JobState.COMPLETED);
		org.assertj.core.api.Assertions.assertThat(bobs.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void aBulkActionRedirectsOnlyWithinTheSite() throws Exception {
		this.mvc
			.perform(post("/jobs/bulk").param("action", "stop")
				.param("ids", "x")
				.param("back", "//evil.example/")
				.with(user("alice"))
				.with(csrf()))
			.andExpect(redirectedUrl("/"));
	}

}
