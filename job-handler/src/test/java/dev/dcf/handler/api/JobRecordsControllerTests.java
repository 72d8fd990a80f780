package dev.dcf.handler.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.peek.PeekUnavailableException;
import dev.dcf.handler.peek.PeekedBytes;
import dev.dcf.handler.peek.PeekedRecord;
import dev.dcf.handler.peek.RecordPeek;
import dev.dcf.handler.peek.TopicReader;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/jobs/{id}/records} over the real {@link RecordPeek} and security, the
 * job repository and the topic reader (port) mocked; the reading itself is
 * {@code PeekIT}'s.
 */
@WebMvcTest(JobRecordsController.class)
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		RecordPeek.class, QuartzCronRules.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw" })
class JobRecordsControllerTests {

	private static final Instant NOW = WebSecurityTestConfiguration.NOW;

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
	private TopicReader reader;

	@Test
	void recordsOfTheJobsTopicComeAsAJsonArray() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.reader.latest("sample-data", 10)).willReturn(List.of(new PeekedRecord(2, 41, NOW, PeekedBytes.NONE,
				List.of(), new PeekedBytes(PeekedBytes.Format.TEXT, "<b>hi</b>", false, null))));

		this.mvc.perform(get("/api/jobs/{id}/records", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].partition").value(2))
			.andExpect(jsonPath("$[0].offset").value(41))
			.andExpect(jsonPath("$[0].timestamp").value(NOW.toString()))
			.andExpect(jsonPath("$[0].key.format").value("NULL"))
			.andExpect(jsonPath("$[0].value.format").value("TEXT"))
			.andExpect(jsonPath("$[0].value.text").value("<b>hi</b>"));
	}

	@Test
	void aLimitOutOfRangeIsAFieldErrorAndNothingIsRead() throws Exception {
		for (String limit : List.of("0", "101", "-1")) {
			this.mvc
				.perform(
						get("/api/jobs/{id}/records", "any").param("limit", limit).with(httpBasic("alice", "alice-pw")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("limit"))
				.andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 100"));
		}
		this.mvc
			.perform(get("/api/jobs/{id}/records", "any").param("limit", "ten").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
		verifyNoInteractions(this.reader);
	}

	@Test
	void anUnknownJobIsNotFound() throws Exception {
		this.mvc.perform(get("/api/jobs/{id}/records", "nope").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Job not found"));
	}

	@Test
	void aClusterThatDoesNotAnswerIsA503WithWhy() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.reader.latest("sample-data", 10))
			.willThrow(new PeekUnavailableException("The Kafka cluster did not answer within 3000 ms"));

		this.mvc.perform(get("/api/jobs/{id}/records", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.title").value("Records unavailable"))
			.andExpect(jsonPath("$.detail").value("The Kafka cluster did not answer within 3000 ms"));
	}

	@Test
	void recordsNeedALogin() throws Exception {
		this.mvc.perform(get("/api/jobs/{id}/records", "any")).andExpect(status().isUnauthorized());
		verifyNoInteractions(this.reader);
	}

}
