package dev.dcf.handler.api;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;
import dev.dcf.handler.job.JobBulk;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recurring schedules in the API (over the real {@link JobService}, validation and
 * Quartz's cron syntax; repositories mocked; the clock at 2026-05-01T10:00:00Z).
 */
@WebMvcTest({ JobController.class, ScheduleController.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		JobRemoval.class, ThroughputService.class, RunningJobs.class, GeneratorPreview.class, QuartzCronRules.class,
		RecurringSchedules.class, JobWaits.class, JobBulk.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw",
		"dcf.security.users[1].name=bob", "dcf.security.users[1].password={noop}bob-pw" })
class ScheduleControllerTests {

	private static final String SCHEDULED = """
			{"name": "nightly", "image": "dcf/sample-generator:latest", "topic": "nightly",
			 "containers": 1, "cpuLimit": 0.5, "memoryLimitMb": 256, "durationSeconds": 60, "start": true,
			 "schedule": {"cron": "0 0 6 * * ?", "timeZone": "Europe/Berlin", "overlap": "queue"}}
			""";

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
	void startingAJobWithAScheduleArmsItAndShowsTheNextThreeStartsInItsZone() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SCHEDULED))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("CREATED"))
			.andExpect(jsonPath("$.schedule.cron").value("0 0 6 * * ?"))
			.andExpect(jsonPath("$.schedule.timeZone").value("Europe/Berlin"))
			.andExpect(jsonPath("$.schedule.overlap").value("queue"))
			.andExpect(jsonPath("$.schedule.armed").value(true))
			.andExpect(jsonPath("$.schedule.queued").value(false))
			// 06:00 in Berlin (summer time) is 04:00 UTC
			.andExpect(jsonPath("$.schedule.nextStarts[0]").value("2026-05-02T04:00:00Z"))
			.andExpect(jsonPath("$.schedule.nextStarts[1]").value("2026-05-03T04:00:00Z"))
			.andExpect(jsonPath("$.schedule.nextStarts[2]").value("2026-05-04T04:00:00Z"));
	}

	@Test
	void aJobWithoutScheduleShowsNone() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SCHEDULED.replace(", \"start\": true", "")
					.replace("\"schedule\": {\"cron\": \"0 0 6 * * ?\", \"timeZone\": \"Europe/Berlin\", "
							+ "\"overlap\": \"queue\"}", "\"schedule\": null")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.schedule").doesNotExist());
	}

	@Test
	void aBadCronZoneAndOverlapAreFieldErrorsAndNothingIsStored() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(SCHEDULED.replace("0 0 6 * * ?", "0 0 6 * *")
					.replace("Europe/Berlin", "Mars/Olympus")
					.replace("\"queue\"", "\"later\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field")
				.value(containsInAnyOrder("schedule.cron", "schedule.timeZone", "schedule.overlap")));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void pauseDisarmsAndResumeArmsTheSchedule() throws Exception {
		Job job = TestJobs.job(TestJobs.request().schedule("0 0 6 * * ?", "Europe/Berlin", null).build(), "alice",
				WebSecurityTestConfiguration.NOW);
		job.armSchedule("started by alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/api/jobs/{id}/schedule/pause", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.schedule.armed").value(false))
			.andExpect(jsonPath("$.schedule.nextStarts").isEmpty());
		this.mvc.perform(post("/api/jobs/{id}/schedule/resume", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.schedule.armed").value(true))
			.andExpect(jsonPath("$.schedule.nextStarts[0]").value("2026-05-02T04:00:00Z"));
	}

	@Test
	void onlyTheOwnerMayPauseAndAJobWithoutScheduleHasNothingToPause() throws Exception {
		Job scheduled = TestJobs.job(TestJobs.request().schedule("0 0 6 * * ?", null, null).build(), "alice",
				WebSecurityTestConfiguration.NOW);
		Job plain = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(scheduled.getId())).willReturn(Optional.of(scheduled));
		given(this.jobs.findById(plain.getId())).willReturn(Optional.of(plain));

		this.mvc.perform(post("/api/jobs/{id}/schedule/pause", scheduled.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/jobs/{id}/schedule/resume", plain.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isConflict());
	}

	@Test
	void thePreviewShowsTheNextThreeStartsOrTheFieldErrors() throws Exception {
		this.mvc
			.perform(post("/api/jobs/schedule-preview").with(httpBasic("bob", "bob-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"cron\": \"0 30 1 * * ?\", \"timeZone\": \"America/New_York\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeZone").value("America/New_York"))
			.andExpect(jsonPath("$.nextStarts[0]").value("2026-05-02T05:30:00Z"))
			.andExpect(jsonPath("$.nextStarts.length()").value(3));
		this.mvc
			.perform(post("/api/jobs/schedule-preview").with(httpBasic("bob", "bob-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"cron\": \"61 * * * * ?\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("schedule.cron"))
			.andExpect(jsonPath("$.errors[0].message", startsWith("is not a valid Quartz cron expression")));
	}

}
