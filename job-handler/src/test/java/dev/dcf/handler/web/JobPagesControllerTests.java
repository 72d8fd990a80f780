package dev.dcf.handler.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.dryrun.DryRunRecord;
import dev.dcf.handler.dryrun.DryRunResult;
import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.dryrun.DryRunUnavailableException;
import dev.dcf.handler.logs.ContainerLogService;
import dev.dcf.handler.logs.KeptOutput;
import dev.dcf.handler.job.Job;
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
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;

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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The job pages over the real {@link JobService}, validation and security, with the
 * repositories mocked: what each page renders, the form's field errors, CSRF, login and
 * owner rules.
 */
@WebMvcTest({ JobPagesController.class, LoginController.class, GeneratorPreviewPage.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		Formats.class, JobRemoval.class, ThroughputService.class, RunningJobs.class, RecordPeek.class,
		GeneratorPreview.class, QuartzCronRules.class, RecurringSchedules.class, ScheduleTimes.class, LogsCard.class,
		StatsCards.class, ContainerStatsService.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw",
		"dcf.security.users[1].name=bob", "dcf.security.users[1].password={noop}bob-pw" })
class JobPagesControllerTests {

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
	private TopicSampler sampler;

	@MockitoBean
	private TopicInspector inspector;

	/** The runs have their own tests (RunBookkeepingTests, RunReportIT); none here. */
	@MockitoBean
	private RunService runs;

	@MockitoBean
	private DryRunService dryRuns;

	@MockitoBean
	private TopicReader reader;

	/**
	 * Kept outputs have their own tests (ContainerLogsIT); the page shows what it gives.
	 */
	@MockitoBean
	private ContainerLogService logs;

	@BeforeEach
	void saveReturnsTheJob() {
		given(this.jobs.save(any(Job.class))).willAnswer((invocation) -> invocation.getArgument(0));
		given(this.jobs.findById(anyString())).willReturn(Optional.empty());
	}

	@Test
	void pagesNeedALoginAndRedirectToTheLoginPage() throws Exception {
		this.mvc.perform(get("/").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/jobs/new").accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
	}

	@Test
	void loginPageIsPublicAndItsFormCarriesACsrfToken() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("id=\"username\"")));
	}

	@Test
	void pagesSendAContentSecurityPolicyWithoutInlineScriptsAndRefuseFraming() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
			.andExpect(header().string("X-Frame-Options", "DENY"));
	}

	@Test
	void pagesLoadHtmxWithEvalAndInlineStylesOffUnderTheUnchangedStrictPolicy() throws Exception {
		given(this.jobs.findAll(any(Pageable.class))).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		this.mvc.perform(get("/").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy",
					"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
							+ "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
							+ "frame-ancestors 'none'"))
			.andExpect(content()
				.string(matchesPattern("(?s).*<script src=\"/webjars/htmx.org/[0-9.]+/dist/htmx.min.js\">.*")))
			.andExpect(content().string(containsString("<meta name=\"htmx-config\"")))
			.andExpect(content().string(containsString("\"allowEval\":false")))
			.andExpect(content().string(containsString("\"includeIndicatorStyles\":false")))
			.andExpect(content().string(containsString("\"allowScriptTags\":false")));
	}

	@Test
	void listShowsTheJobsWithTheirStateAndEscapesUserText() throws Exception {
		Job job = TestJobs.job(TestJobs.request().name("<script>alert('x')</script>").build(), "alice", NOW);
		given(this.jobs.findAll(any(Pageable.class)))
			.willReturn(new PageImpl<>(List.of(job), PageRequest.of(0, 20), 1));

		this.mvc.perform(get("/").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"job-" + job.getId() + "\"")))
			.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")))
			.andExpect(content().string(not(containsString("<script>alert("))))
			.andExpect(content().string(containsString(">CREATED</span>")))
			.andExpect(content().string(containsString("1–1 of 1")));
	}

	@Test
	void listFiltersByState() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findByStateIn(List.of(JobState.FAILED), PageRequest.of(0, 20, JobPagesController.NEWEST_FIRST)))
			.willReturn(new PageImpl<>(List.of(job), PageRequest.of(0, 20), 1));

		this.mvc.perform(get("/?state=FAILED").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-filter=\"FAILED\"")))
			.andExpect(content().string(containsString("id=\"job-" + job.getId() + "\"")));
	}

	@Test
	void listPagesThroughTheJobs() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findAll(PageRequest.of(1, 20, JobPagesController.NEWEST_FIRST)))
			.willReturn(new PageImpl<>(List.of(job), PageRequest.of(1, 20), 45));

		this.mvc.perform(get("/?page=1").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"page-info\">21–21 of 45<")))
			.andExpect(content().string(containsString("href=\"/?page=2&amp;size=20\" id=\"next-page\"")))
			.andExpect(content().string(containsString("data-first-page=\"false\"")));
	}

	@Test
	void htmxGetsTheListsResultsAloneWithLinksThatKeepTheFilterAndTheOrder() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findByStateIn(org.mockito.ArgumentMatchers.eq(List.of(JobState.FAILED)), any(Pageable.class)))
			.willReturn(new PageImpl<>(List.of(job), PageRequest.of(0, 20), 1));

		this.mvc.perform(get("/?state=FAILED&sort=name,asc").header("HX-Request", "true").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(not(containsString("id=\"job-search\""))))
			.andExpect(content().string(containsString("id=\"jobs-results\"")))
			.andExpect(content().string(containsString("id=\"job-" + job.getId() + "\"")))
			// a live refresh fetches this same list again
			.andExpect(content()
				.string(containsString("hx-get=\"/jobs/list?state=FAILED&amp;sort=name,asc&amp;size=20\"")))
			// the column it is ordered by reverses, the others order ascending, the pills
			// keep the order
			.andExpect(content().string(containsString("href=\"/?state=FAILED&amp;sort=name,desc&amp;size=20\"")))
			.andExpect(content().string(containsString(">Name ▲</a>")))
			.andExpect(content().string(containsString("href=\"/?state=FAILED&amp;sort=topic,asc&amp;size=20\"")))
			.andExpect(content().string(containsString("href=\"/?sort=name,asc&amp;size=20\">All</a>")))
			// the search's Clear link, out of band
			.andExpect(content().string(containsString("id=\"job-search-clear-slot\" hx-swap-oob=\"true\"")));
	}

	@Test
	void aLiveRefreshOfTheListHasAPathOfItsOwnAndLeavesTheFlashMessageToThePage() throws Exception {
		given(this.jobs.findAll(any(Pageable.class))).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		this.mvc.perform(get("/jobs/list?size=20").with(user("bob")).flashAttr("success", "Job stopped"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<html"))))
			.andExpect(content().string(containsString("id=\"jobs-results\"")));
	}

	@Test
	void theFullListPageHasTheSearchThatSwapsTheResultsAsYouType() throws Exception {
		given(this.jobs.findAll(any(Pageable.class))).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		this.mvc.perform(get("/").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"job-search\"")))
			.andExpect(content().string(containsString("hx-trigger=\"submit, input changed delay:300ms\"")))
			.andExpect(content().string(containsString("hx-sync=\"#jobs-results:replace\" hx-push-url=\"true\"")))
			.andExpect(content().string(containsString("id=\"jobs-results\"")))
			.andExpect(content().string(not(containsString("hx-swap-oob"))));
	}

	@Test
	void unknownStateInTheFilterIsAnHtmlErrorPageNotJson() throws Exception {
		this.mvc.perform(get("/?state=NAPPING").with(user("bob")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("id=\"error-page\"")));
	}

	@Test
	void newJobFormIsPrefilledWithTheSampleGenerator() throws Exception {
		this.mvc.perform(get("/jobs/new").with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("value=\"dcf/sample-generator:latest\"")))
			.andExpect(content().string(containsString("value=\"sensor-readings\"")))
			.andExpect(content().string(containsString("name=\"env[0].name\" value=\"RATE\"")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void invalidFormShowsEachMessageNextToItsFieldAndKeepsWhatWasTyped() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "my job")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "not a topic!")
				.param("containers", "2")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "-256")
				.param("durationSeconds", "60")
				.param("env[0].name", "RATE")
				.param("env[0].value", "10")
				.param("env[1].name", "KAFKA_TOPIC")
				.param("env[1].value", "elsewhere"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"form-errors\"")))
			.andExpect(content().string(containsString(
					"id=\"topic-error\">may contain only letters, digits, &#39;.&#39;, &#39;_&#39; and")))
			.andExpect(content().string(containsString("id=\"memoryLimitMb-error\">must be between 64 and 16384<")))
			.andExpect(content().string(containsString(">name is reserved: DCF_* and KAFKA_* are set by DCF<")))
			.andExpect(content().string(allOf(containsString("name=\"name\" value=\"my job\""),
					containsString("name=\"topic\" value=\"not a topic!\""),
					containsString("name=\"memoryLimitMb\" value=\"-256\""),
					containsString("name=\"containers\" value=\"2\""),
					containsString("name=\"env[1].value\" value=\"elsewhere\""))))
			.andExpect(content().string(not(containsString("id=\"containers-error\""))));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void tryItWithAnInvalidFormShowsTheFieldErrorsAndTriesNothing() throws Exception {
		this.mvc
			.perform(post("/jobs/dry-run").with(user("alice"))
				.with(csrf())
				.param("name", "my job")
				.param("image", "")
				.param("topic", "t")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The job was not tried: please correct the fields")))
			.andExpect(content().string(containsString("id=\"image-error\"")))
			.andExpect(content().string(not(containsString("id=\"dry-run-result\""))));
		then(this.dryRuns).should(never()).run(any(), anyString());
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void tryItShowsTheResultCardEscapedAndKeepsTheForm() throws Exception {
		given(this.dryRuns.run(any(), anyString()))
			.willReturn(new DryRunResult("dry-run-1", "agent-1", true, 1, null, "exited by itself with code 1", 1L, 0.5,
					List.of(new DryRunRecord(0, 0, NOW, "TEXT", null, "<script>alert(1)</script>", null)),
					List.of("starting", "<b>bad config</b>"), 2100, "dcf-dry-run-1", true));

		this.mvc
			.perform(post("/jobs/dry-run").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "3")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dry-run-result\"")))
			.andExpect(content().string(containsString("id=\"dry-run-exit-code\">1<")))
			.andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(containsString("&lt;b&gt;bad config&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("<script>alert(1)"))))
			.andExpect(content().string(containsString("name=\"containers\" value=\"3\"")));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void tryItWithoutAnAgentSaysSo() throws Exception {
		given(this.dryRuns.run(any(), anyString()))
			.willThrow(new DryRunUnavailableException("no agent can take it: no agent has registered"));

		this.mvc
			.perform(post("/jobs/dry-run").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"dry-run-problem\"")))
			.andExpect(content().string(containsString("no agent can take it: no agent has registered")));
	}

	@Test
	void numbersThatAreNoNumbersAreReportedAsSuch() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "n")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "two")
				.param("cpuLimit", "half")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("startAt", "tomorrow"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"containers-error\">must be a whole number<")))
			.andExpect(content().string(containsString("id=\"cpuLimit-error\">must be a number, e.g. 0.5<")))
			.andExpect(content().string(containsString("id=\"startAt-error\">must be a date and time in UTC")))
			// a number input shows the bound number: none (browsers send no text from
			// one)
			.andExpect(content().string(containsString("name=\"containers\" value=\"\"")));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void aWrongTypeIsSpringsBindingErrorShownOnItsFieldAndNothingIsStored() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "n")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "1")
				.param("cpuLimit", "0,5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("maxRecords", "1e6")
				.param("targetRate", "fast"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("job", "maxRecords", "typeMismatch"))
			.andExpect(model().attributeHasFieldErrorCode("job", "targetRate", "typeMismatch"))
			.andExpect(model().attributeErrorCount("job", 2))
			.andExpect(content().string(containsString("id=\"maxRecords-error\">must be a whole number<")))
			.andExpect(content().string(containsString("id=\"targetRate-error\">must be a number, e.g. 0.5<")))
			.andExpect(content().string(allOf(containsString("name=\"maxRecords\" value=\"\""),
					containsString("name=\"cpuLimit\" value=\"0.5\""))));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void badRestartValuesAreShownNextToTheirFields() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "n")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("restart.attempts", "three")
				.param("restart.interval", "10m")
				.param("restart.delay", "soon")
				.param("restart.maxDelay", "1m"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"restart.attempts-error\">must be a whole number<")))
			.andExpect(content().string(containsString("id=\"restart.delay-error\">must be a duration like 10m")))
			// what could not be bound keeps its default
			.andExpect(content().string(containsString("name=\"restart.attempts\" value=\"0\"")));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void validFormCreatesTheJobAndShowsItsPage() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "sensor-readings")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("startAt", "2026-05-01T12:30")
				.param("env[0].name", "RATE")
				.param("env[0].value", "10")
				.param("env[1].name", "")
				.param("env[1].value", "")
				.param("labels[0].name", "zone")
				.param("labels[0].value", "eu")
				.param("start", "true"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrlPattern("/jobs/*"))
			.andExpect(flash().attribute("success", containsString("Job \"demo\" created and started (SCHEDULED)")));
		then(this.jobs).should()
			.save(org.mockito.ArgumentMatchers.argThat((Job job) -> job.getOwner().equals("alice")
					&& job.getEnvMap().equals(Map.of("RATE", "10")) && job.getAgentLabels().equals(Map.of("zone", "eu"))
					&& job.getStartAt().equals(Instant.parse("2026-05-01T12:30:00Z"))
					&& job.getState() == JobState.SCHEDULED));
	}

	@Test
	void postsWithoutCsrfTokenAreRefused() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "t")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/jobs/{id}/start", job.getId()).with(user("alice"))).andExpect(status().isForbidden());
		then(this.jobs).should(never()).save(any(Job.class));
		assertThat(job.getState()).isEqualTo(JobState.CREATED);
	}

	@Test
	void startByTheOwnerStartsAndGoesBack() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs/{id}/start", job.getId()).with(user("alice")).with(csrf()).param("back", "/?page=1"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/?page=1"))
			.andExpect(flash().attribute("success", "Job \"sample\" started: DEPLOYING"));
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
	}

	@Test
	void aConfirmedStopSentByHtmxIsToldWhereToGoInsteadOfRedirected() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs/{id}/stop", job.getId()).with(user("alice"))
				.with(csrf())
				.header("HX-Request", "true")
				.param("back", "/?q=orders&size=20"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("HX-Redirect", "/?q=orders&size=20"))
			.andExpect(header().doesNotExist("Location"))
			.andExpect(flash().attribute("success", containsString("Job \"sample\" stopped")));
		assertThat(job.getState()).isEqualTo(JobState.STOPPING);
	}

	@Test
	void theStopAndDeleteFormsAskThroughHxConfirmAndPostWithHtmx() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}/row", job.getId()).with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("hx-post=\"/jobs/" + job.getId() + "/stop\" hx-confirm=\"Stop job")))
			.andExpect(content()
				.string(containsString("hx-post=\"/jobs/" + job.getId() + "/delete\" hx-confirm=\"Delete job")))
			.andExpect(content().string(not(containsString("data-confirm="))));
	}

	@Test
	void someoneElseCannotStopTheJobAndIsToldWhy() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/jobs/{id}/stop", job.getId()).with(user("bob")).with(csrf()).param("back", "/"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("error", containsString("User bob may not control job")));
		assertThat(job.getState()).isEqualTo(JobState.RUNNING);
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void anAdministratorMayStopSomeoneElsesJob() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs/{id}/stop", job.getId()).with(user("root").roles("USER", "ADMIN"))
				.with(csrf())
				.param("back", "/jobs/" + job.getId()))
			.andExpect(redirectedUrl("/jobs/" + job.getId()))
			.andExpect(flash().attribute("success", "Job \"sample\" stopped: STOPPING"));
		assertThat(job.getState()).isEqualTo(JobState.STOPPING);
	}

	@Test
	void deletingARunningJobIsRefusedWithAMessage() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/jobs/{id}/delete", job.getId()).with(user("alice")).with(csrf()).param("back", "/"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("error", containsString("is RUNNING and cannot be deleted")));
		then(this.jobs).should(never()).delete(any(Job.class));
	}

	@Test
	void deletingFromTheDetailPageGoesBackToTheList() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs/{id}/delete", job.getId()).with(user("alice"))
				.with(csrf())
				.param("back", "/jobs/" + job.getId()))
			.andExpect(redirectedUrl("/"))
			.andExpect(flash().attribute("success", "Job \"sample\" deleted"));
		then(this.jobs).should().delete(job);
	}

	@Test
	void theFormShowsTheTopicSettingsWithTheirDefaults() throws Exception {
		this.mvc.perform(get("/jobs/new").with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("name=\"partitions\" value=\"3\""),
					containsString("name=\"replicationFactor\" value=\"\""),
					containsString("name=\"retentionHours\" value=\"\""),
					containsString("<option value=\"keep\" selected=\"selected\">"),
					containsString("<option value=\"delete-with-job\">"),
					containsString("<option value=\"truncate-before-run\">"))));
	}

	@Test
	void theFormBindsTheTopicSettingsAndTheDetailPageShowsThem() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "sensor-readings")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("partitions", "6")
				.param("replicationFactor", "2")
				.param("retentionHours", "168")
				.param("topicCleanup", "truncate-before-run"))
			.andExpect(status().isFound());
		org.mockito.ArgumentCaptor<Job> saved = org.mockito.ArgumentCaptor.forClass(Job.class);
		then(this.jobs).should().save(saved.capture());
		Job job = saved.getValue();
		assertThat(job.getTopicPartitions()).isEqualTo(6);
		assertThat(job.getTopicReplicationFactor()).isEqualTo(2);
		assertThat(job.getTopicRetentionHours()).isEqualTo(168);
		assertThat(job.getTopicCleanup()).isEqualTo(dev.dcf.handler.job.TopicCleanup.TRUNCATE_BEFORE_RUN);

		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"id=\"setting-topic-settings\">6 partitions, replication 2, retention 168 h, cleanup truncate-before-run<")));
	}

	@Test
	void theJobPagesLivePartsFetchThemselvesWithHtmxAndTheChartCardIsKept() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("hx-get=\"/jobs/" + job.getId() + "/live\"")))
			.andExpect(content().string(containsString("hx-get=\"/jobs/" + job.getId() + "/stats\"")))
			.andExpect(content().string(containsString("hx-get=\"/jobs/" + job.getId() + "/records\"")))
			.andExpect(content().string(matchesPattern("(?s).*id=\"throughput\"[^>]*hx-preserve=\"true\".*")))
			.andExpect(content().string(containsString("hx-confirm=\"Stop job")));
	}

	@Test
	void theFormsEnvAndLabelRowsAndTheirTemplatesComeFromOneFragment() throws Exception {
		this.mvc.perform(get("/jobs/new").with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(
					"aria-label=\"Variable name\" id=\"env0.name\" name=\"env[0].name\" value=\"RATE\"")))
			// the empty rows that "Add" copies: named by job-form.js
			.andExpect(content().string(matchesPattern(
					"(?s).*<template id=\"env-row-template\">\\s*<div class=\"row g-2 mb-2 kv-row\">.*data-field=\"name\".*</template>.*")))
			.andExpect(content().string(matchesPattern(
					"(?s).*<template id=\"label-row-template\">\\s*<div class=\"row g-2 mb-2 kv-row\">.*data-field=\"name\" aria-label=\"Label key\".*")))
			.andExpect(content().string(containsString("hx-post=\"/jobs/schedule-preview\"")));
	}

	@Test
	void aBuiltInGeneratorFromTheFormRunsTheGeneratorImageAndTheDetailPageShowsIt() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("source", "builtin")
				.param("image", "dcf/sample-generator:latest")
				.param("generator.kind", "template")
				.param("generator.quickstart", "orders")
				.param("generator.template", "{\"value\": {\"id\": \"x-{{seq}}\"}}")
				.param("generator.format", "string")
				.param("topic", "sensor-readings")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isFound());
		org.mockito.ArgumentCaptor<Job> saved = org.mockito.ArgumentCaptor.forClass(Job.class);
		then(this.jobs).should().save(saved.capture());
		Job job = saved.getValue();
		assertThat(job.getImage()).isEqualTo("dcf/generator:latest");
		assertThat(job.getGenerator().quickstart()).isNull();
		assertThat(job.getRunEnv()).containsEntry("GENERATOR_TEMPLATE", "{\"value\": {\"id\": \"x-{{seq}}\"}}")
			.containsEntry("FORMAT", "string");

		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"setting-generator-kind\">template<")))
			.andExpect(
					content().string(containsString("{&quot;value&quot;: {&quot;id&quot;: &quot;x-{{seq}}&quot;}}")));
	}

	@Test
	void aBrokenTemplateInTheFormIsShownNextToItsField() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("source", "builtin")
				.param("generator.kind", "template")
				.param("generator.template", "{\"value\": \"{{nosuch()}}\"}")
				.param("topic", "sensor-readings")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"generator.template-error\"")))
			.andExpect(content().string(containsString("nosuch")));
		then(this.jobs).should(org.mockito.Mockito.never()).save(any(Job.class));
	}

	@Test
	void thePreviewFragmentShowsFiveRecordsEscaped() throws Exception {
		this.mvc
			.perform(post("/jobs/preview").with(user("alice"))
				.with(csrf())
				.param("source", "builtin")
				.param("generator.kind", "template")
				.param("generator.template", "{\"value\": {\"html\": \"<b>{{seq}}</b>\"}}"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"generator-preview-records\"")))
			.andExpect(content().string(containsString("&lt;b&gt;4&lt;/b&gt;")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("<b>"))));
	}

	@Test
	void thePreviewFragmentNamesTheFieldOfAProblem() throws Exception {
		this.mvc
			.perform(post("/jobs/preview").with(user("alice"))
				.with(csrf())
				.param("source", "builtin")
				.param("generator.kind", "quickstart")
				.param("generator.quickstart", "cats"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-field=\"generator.quickstart\"")))
			.andExpect(content().string(containsString("unknown quickstart")));
	}

	@Test
	void wrongTopicSettingsInTheFormAreShownNextToTheirFields() throws Exception {
		this.mvc
			.perform(post("/jobs").with(user("alice"))
				.with(csrf())
				.param("name", "demo")
				.param("image", "dcf/sample-generator:latest")
				.param("topic", "sensor-readings")
				.param("containers", "1")
				.param("cpuLimit", "0.5")
				.param("memoryLimitMb", "256")
				.param("durationSeconds", "60")
				.param("partitions", "0")
				.param("replicationFactor", "many")
				.param("retentionHours", "0")
				.param("topicCleanup", "purge"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"partitions-error\">must be between 1 and 1000<")))
			.andExpect(content().string(containsString("id=\"replicationFactor-error\">must be a whole number<")))
			.andExpect(content().string(containsString("id=\"retentionHours-error\">must be between 1 and 87600<")))
			.andExpect(content().string(
					containsString("id=\"topicCleanup-error\">must be keep, delete-with-job or truncate-before-run<")));
		then(this.jobs).should(never()).save(any(Job.class));
	}

	@Test
	void deletingAJobWhoseTopicTheBrokerWillNotDeleteKeepsTheJobAndSaysWhy() throws Exception {
		Job job = TestJobs.job(TestJobs.request().topicCleanup("delete-with-job").build(), "alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.topics.delete("sample-data")).willReturn("the broker answered not authorized");

		this.mvc.perform(post("/jobs/{id}/delete", job.getId()).with(user("alice")).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("error", containsString("not authorized")));
		then(this.jobs).should(never()).delete(any(Job.class));

		given(this.topics.delete("sample-data")).willReturn(null);
		this.mvc.perform(post("/jobs/{id}/delete", job.getId()).with(user("alice")).with(csrf()))
			.andExpect(flash().attribute("success", "Job \"sample\" deleted; topic sample-data deleted"));
		then(this.jobs).should().delete(job);
	}

	@Test
	void detailShowsTheTopicAsTheBrokerLastDescribedItOrThatItIsUnknown() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(content().string(containsString("unknown: the broker has not answered")));

		given(this.inspector.inspect("sample-data"))
			.willReturn(Optional.of(new TopicFacts(true, 3, 12345, 2048L, NOW)));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(content().string(containsString("3 partitions, 12,345 records written (end offsets), ")))
			.andExpect(content().string(containsString(" on the brokers")));

		given(this.inspector.inspect("sample-data")).willReturn(Optional.of(new TopicFacts(false, 0, 0, null, NOW)));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(content().string(containsString("does not exist (yet): created when the job starts")));
	}

	@Test
	void detailSaysSoWhenTheRecordsCannotBeReadAndStaysUsable() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.reader.latest("sample-data", RecordsCard.LIMIT))
			.willThrow(new PeekUnavailableException("The Kafka cluster did not answer within 3000 ms"));

		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Records unknown: The Kafka cluster did not answer within 3000 ms.")))
			.andExpect(content().string(containsString("id=\"setting-image\"")));
		this.mvc.perform(get("/jobs/{id}/records", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Records unknown: The Kafka cluster did not answer")));
	}

	@Test
	void detailShowsTheLastOutputOfEachContainerThatExitedEscaped() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(content().string(containsString("No output kept yet")));

		given(this.logs.newestOfEachContainer(job.getId())).willReturn(
				List.of(new KeptOutput(job.getId(), 2, 1, 1, NOW, List.of("starting", "<b>boom</b>", "giving up"))));
		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(content().string(containsString("Last output of container 1")))
			.andExpect(content().string(containsString("run 2 · exit code 1 · ")))
			.andExpect(content().string(containsString("starting\n&lt;b&gt;boom&lt;/b&gt;\ngiving up\n</pre>")))
			.andExpect(content().string(
					containsString("/api/jobs/" + job.getId() + "/containers/1/logs?format=text&amp;download=true")));
	}

	@Test
	void actionsNeverRedirectToAnotherSite() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(post("/jobs/{id}/start", job.getId()).with(user("alice"))
				.with(csrf())
				.param("back", "//evil.example/phish"))
			.andExpect(redirectedUrl("/"));
		assertThat(JobPagesController.safeBack("https://evil.example")).isEqualTo("/");
		assertThat(JobPagesController.safeBack("/\\evil.example")).isEqualTo("/");
		assertThat(JobPagesController.safeBack("/jobs/1?x=2")).isEqualTo("/jobs/1?x=2");
	}

	@Test
	void detailShowsSettingsTimelineAndMasksSecretLookingValues() throws Exception {
		Job job = TestJobs.job(TestJobs.request()
			.env(new java.util.LinkedHashMap<>(Map.of("RATE", "10", "API_TOKEN", "t0ken-value", "db_password",
					"pw-value", "SIGNING_KEY", "k-value")))
			.build(), "alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"setting-image\">dcf/sample-generator:latest<")))
			.andExpect(content().string(containsString(">RATE</code>")))
			.andExpect(content().string(containsString(">10</code>")))
			.andExpect(content().string(containsString(">created by alice<")))
			.andExpect(content().string(allOf(not(containsString("t0ken-value")), not(containsString("pw-value")),
					not(containsString("k-value")))))
			.andExpect(content().string(containsString(SecretNames.MASK)))
			// bob is not the owner: no start, stop or delete
			.andExpect(content().string(not(containsString("action-start"))))
			.andExpect(content().string(not(containsString("action-delete"))));
	}

	@Test
	void detailShowsTheRecordsTheRunningJobProduced() throws Exception {
		Job job = TestJobs.job("alice", NOW);
		job.start("started", NOW);
		job.assignTo("a1", NOW);
		job.markRunning(NOW);
		job.recordRunStartOffsets(1000);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.offsets.endOffsetSum(job.getTopic())).willReturn(java.util.OptionalLong.of(2234));

		this.mvc.perform(get("/jobs/{id}/live", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(matchesPattern("(?s).*id=\"records-produced\">\\s*<span>1,234</span>.*")));
	}

	@Test
	void unknownJobIsAnHtmlNotFoundPage() throws Exception {
		this.mvc.perform(get("/jobs/{id}", "nope").with(user("bob")).accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("No job with id nope")));
	}

	@Test
	void cloneCopiesTheSettingsButNotSecretValues() throws Exception {
		Job job = TestJobs.job(TestJobs.request()
			.name("original")
			.env(new java.util.LinkedHashMap<>(Map.of("RATE", "10", "API_TOKEN", "t0ken-value")))
			.agentLabels(Map.of("zone", "eu"))
			.build(), "alice", NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}/clone", job.getId()).with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"name\" value=\"copy of original\"")))
			.andExpect(content().string(containsString("name=\"labels[0].name\" value=\"zone\"")))
			.andExpect(content().string(containsString("value=\"RATE\"")))
			.andExpect(content().string(not(containsString("t0ken-value"))));
	}

	@Test
	void rowFragmentIsOneTableRowForLiveUpdates() throws Exception {
		Job job = running("alice");
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/jobs/{id}/row", job.getId()).with(user("alice")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<tr class=\"job-row\" id=\"job-" + job.getId() + "\""),
					containsString("data-running=\"true\""), containsString(">RUNNING</span>"),
					not(containsString("<html")))));
	}

	private static Job running(String owner) {
		Job job = TestJobs.job(owner, NOW.minusSeconds(30));
		job.start("started", NOW.minusSeconds(20));
		job.assignTo("agent-1", NOW.minusSeconds(20));
		job.markRunning(NOW.minusSeconds(10));
		return job;
	}

}
