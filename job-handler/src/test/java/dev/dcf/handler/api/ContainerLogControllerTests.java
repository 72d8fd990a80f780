package dev.dcf.handler.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.logs.KeptOutput;
import dev.dcf.handler.logs.LiveLogProperties;
import dev.dcf.handler.logs.LiveLogs;
import dev.dcf.handler.logs.TooManyViewersException;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/jobs/{id}/containers/{index}/logs}: formats, tail and errors, over the
 * real security, the kept outputs (ContainerLogServiceTests, ContainerLogsIT) mocked.
 */
@WebMvcTest(ContainerLogController.class)
@Import(WebSecurityTestConfiguration.class)
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw" })
class ContainerLogControllerTests {

	private static final Instant NOW = WebSecurityTestConfiguration.NOW;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ContainerLogService logs;

	@MockitoBean
	private LiveLogs live;

	@TestConfiguration
	static class LiveLogBounds {

		@Bean
		LiveLogProperties liveLogProperties() {
			return new LiveLogProperties(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(10), 200,
					100);
		}

	}

	@Test
	void followingStartsAnEventStreamOfTheContainerWithTheTailAsked() throws Exception {
		given(this.live.watch(eq("job-1"), eq(1), eq(20), any())).willReturn(() -> {
		});

		this.mvc
			.perform(get("/api/jobs/{id}/containers/1/logs", "job-1").param("follow", "true")
				.param("tail", "20")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(request().asyncStarted());
		verify(this.live).watch(eq("job-1"), eq(1), eq(20), any());
		verifyNoInteractions(this.logs);
	}

	@Test
	void followingWithABadTailOrIndexIsAFieldErrorAndWatchesNothing() throws Exception {
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("follow", "true")
				.param("tail", "1001")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("tail"));
		this.mvc
			.perform(get("/api/jobs/{id}/containers/-1/logs", "job-1").param("follow", "true")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("index"));
		verifyNoInteractions(this.live);
	}

	@Test
	void tooManyStreamsIsA503() throws Exception {
		given(this.live.watch(eq("job-1"), eq(0), eq(100), any())).willThrow(new TooManyViewersException(100));

		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("follow", "true")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.title").value("Too many live logs"));
	}

	@Test
	void theKeptLinesComeAsJsonOrAsTextTheLastNOfThemOnAsk() throws Exception {
		given(this.logs.newest("job-1", 0))
			.willReturn(Optional.of(new KeptOutput("job-1", 3, 0, 1, NOW, List.of("a", "b", "c"))));

		this.mvc.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.runNumber").value(3))
			.andExpect(jsonPath("$.exitCode").value(1))
			.andExpect(jsonPath("$.lines.length()").value(3));
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("tail", "2")
				.accept(MediaType.TEXT_PLAIN)
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andExpect(content().string("b\nc\n"));
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("format", "text")
				.param("download", "true")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION,
					containsString("attachment; filename=\"job-job-1-run-3-container-0.log\"")))
			.andExpect(content().string("a\nb\nc\n"));
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1")
				.header(HttpHeaders.ACCEPT, "text/plain;q=0.5, application/json")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
	}

	@Test
	void badParametersAreFieldErrors() throws Exception {
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("tail", "101")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("tail"));
		this.mvc
			.perform(get("/api/jobs/{id}/containers/0/logs", "job-1").param("format", "xml")
				.with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("format"));
		this.mvc.perform(get("/api/jobs/{id}/containers/-1/logs", "job-1").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("index"));
		verifyNoInteractions(this.logs);
	}

	@Test
	void nothingKeptOrNoSuchJobIsA404() throws Exception {
		given(this.logs.newest("job-1", 1)).willReturn(Optional.empty());
		given(this.logs.newest("nope", 0)).willThrow(new JobNotFoundException("nope"));

		this.mvc.perform(get("/api/jobs/{id}/containers/1/logs", "job-1").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("No container output kept"));
		this.mvc.perform(get("/api/jobs/{id}/containers/0/logs", "nope").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Job not found"));
	}

}
