package dev.dcf.handler.web;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicInspector;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.peek.RecordPeek;
import dev.dcf.handler.peek.TopicReader;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;
import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.stats.ContainerStatsService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recurring schedules on the pages (the clock at Friday 2026-05-01T10:00:00Z): the form's
 * fields, errors and next start times, the job page's card with pause and resume, and
 * clone.
 */
@WebMvcTest({ JobPagesController.class, SchedulePagesController.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		Formats.class, JobRemoval.class, ThroughputService.class, RunningJobs.class, RecordPeek.class,
		GeneratorPreview.class, QuartzCronRules.class, RecurringSchedules.class, ScheduleTimes.class, LogsCard.class,
		StatsCards.class, ContainerStatsService.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw",
		"dcf.security.users[1].name=bob", "dcf.security.users[1].password={noop}bob-pw" })
class SchedulePagesTests {

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
	void aBadCronAndZoneAreShownNextToTheirFieldsAndNothingIsStored() throws Exception {
		this.mvc.perform(form("0 0 6 * *", "Mars/Olympus", "skip"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"schedule.cron-error\">is not a valid Quartz cron"),
					containsString("id=\"schedule.timeZone-error\">is not a known time zone"),
					containsString("value=\"0 0 6 * *\""))));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void aFormThatComesBackWithOtherErrorsShowsTheNextThreeStartsInTheZone() throws Exception {
		this.mvc.perform(form("0 0 6 * * ?", "Europe/Berlin", "queue").param("memoryLimitMb", "-1"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"memoryLimitMb-error\""),
					containsString(">Sat 2026-05-02 06:00:00 +02:00<"),
					containsString(">Sun 2026-05-03 06:00:00 +02:00<"),
					containsString(">Mon 2026-05-04 06:00:00 +02:00<"))));
	}

	@Test
	void thePreviewFragmentShowsTheNextStartsOrWhatIsWrong() throws Exception {
		this.mvc
			.perform(post("/jobs/schedule-preview").with(user("alice"))
				.with(csrf())
				.param("schedule.cron", "0 30 1 * * ?")
				.param("schedule.timeZone", "America/New_York"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(">Sat 2026-05-02 01:30:00 -04:00<")));
		this.mvc
			.perform(post("/jobs/schedule-preview").with(user("alice"))
				.with(csrf())
				.param("schedule.cron", "0 30 1 * * ?")
				.param("schedule.timeZone", "Berlin"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<span class=\"schedule-problem\">is not a known time zone")));
	}

	@Test
	void aValidScheduleIsStoredAndArmedWhenStarted() throws Exception {
		this.mvc.perform(form("0 0 6 * * ?", "Europe/Berlin", "queue").param("start", "true"))
			.andExpect(status().isFound());
		ArgumentCaptor<Job> saved = ArgumentCaptor.forClass(Job.class);
		then(this.jobs).should().save(saved.capture());
		assertThat(saved.getValue().getSchedule().cron()).isEqualTo("0 0 6 * * ?");
		assertThat(saved.getValue().getSchedule().overlap()).isEqualTo("queue");
		assertThat(saved.getValue().isScheduleArmed()).isTrue();
	}

	@Test
	void theJobPageShowsTheScheduleWithItsNextStartsAndPauseForTheOwner() throws Exception {
		Job job = scheduledJob();
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"schedule-cron\">0 0 6 * * ?<"),
					containsString("id=\"schedule-zone\">Europe/Berlin<"), containsString(">armed<"),
					containsString(">Sat 2026-05-02 06:00:00 +02:00<"), containsString("action-pause-schedule"))));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("action-pause-schedule"))));
	}

	@Test
	void pauseAndResumeOnThePageDisarmAndArm() throws Exception {
		Job job = scheduledJob();
		this.mvc.perform(post("/jobs/{id}/schedule/pause", job.getId()).with(user("alice")).with(csrf()))
			.andExpect(redirectedUrl("/jobs/" + job.getId()))
			.andExpect(flash().attribute("success", "Schedule of job \"" + job.getName() + "\" paused"));
		assertThat(job.isScheduleArmed()).isFalse();
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("alice")))
			.andExpect(content().string(allOf(containsString(">paused<"), containsString("action-resume-schedule"))));

		this.mvc.perform(post("/jobs/{id}/schedule/resume", job.getId()).with(user("alice")).with(csrf()))
			.andExpect(redirectedUrl("/jobs/" + job.getId()));
		assertThat(job.isScheduleArmed()).isTrue();
	}

	@Test
	void cloneCopiesTheSchedule() throws Exception {
		Job job = scheduledJob();
		this.mvc.perform(get("/jobs/{id}/clone", job.getId()).with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("name=\"schedule.cron\" value=\"0 0 6 * * ?\""),
					containsString("name=\"schedule.timeZone\" value=\"Europe/Berlin\""))));
	}

	private Job scheduledJob() {
		Job job = TestJobs.job(TestJobs.request().schedule("0 0 6 * * ?", "Europe/Berlin", null).build(), "alice",
				WebSecurityTestConfiguration.NOW);
		job.armSchedule("started by alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		return job;
	}

	private static MockHttpServletRequestBuilder form(String cron, String zone, String overlap) {
		return post("/jobs").with(user("alice"))
			.with(csrf())
			.param("name", "nightly")
			.param("image", "dcf/sample-generator:latest")
			.param("topic", "nightly")
			.param("containers", "1")
			.param("cpuLimit", "0.5")
			.param("memoryLimitMb", "256")
			.param("durationSeconds", "60")
			.param("schedule.cron", cron)
			.param("schedule.timeZone", zone)
			.param("schedule.overlap", overlap);
	}

}
